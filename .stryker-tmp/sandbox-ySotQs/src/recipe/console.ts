// @ts-nocheck
// Splits a console transcript into commands (with `> ` continuations) and typed expected lines.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import type { ConsoleCommand, ExpectedLine } from './model.js';

/** A transcript problem with its recipe line. */
export interface ConsoleProblem {
  line: number;
  message: string;
}

/** Reads one expected-output line: `...`, ` (re)`, ` (glob)` or exact. */
export function expectedLine(text: string, line: number): ExpectedLine {
  if (stryMutAct_9fa48("1050")) {
    {}
  } else {
    stryCov_9fa48("1050");
    const t = text.replace(stryMutAct_9fa48("1053") ? /\S+$/ : stryMutAct_9fa48("1052") ? /\s$/ : stryMutAct_9fa48("1051") ? /\s+/ : (stryCov_9fa48("1051", "1052", "1053"), /\s+$/), stryMutAct_9fa48("1054") ? "Stryker was here!" : (stryCov_9fa48("1054"), ''));
    if (stryMutAct_9fa48("1057") ? t !== '...' : stryMutAct_9fa48("1056") ? false : stryMutAct_9fa48("1055") ? true : (stryCov_9fa48("1055", "1056", "1057"), t === (stryMutAct_9fa48("1058") ? "" : (stryCov_9fa48("1058"), '...')))) return stryMutAct_9fa48("1059") ? {} : (stryCov_9fa48("1059"), {
      line,
      text,
      mode: stryMutAct_9fa48("1060") ? "" : (stryCov_9fa48("1060"), 'any')
    });
    if (stryMutAct_9fa48("1063") ? t.startsWith(' (re)') : stryMutAct_9fa48("1062") ? false : stryMutAct_9fa48("1061") ? true : (stryCov_9fa48("1061", "1062", "1063"), t.endsWith(stryMutAct_9fa48("1064") ? "" : (stryCov_9fa48("1064"), ' (re)')))) return stryMutAct_9fa48("1065") ? {} : (stryCov_9fa48("1065"), {
      line,
      text,
      mode: stryMutAct_9fa48("1066") ? "" : (stryCov_9fa48("1066"), 're'),
      pattern: stryMutAct_9fa48("1067") ? t : (stryCov_9fa48("1067"), t.slice(0, stryMutAct_9fa48("1068") ? +5 : (stryCov_9fa48("1068"), -5)))
    });
    if (stryMutAct_9fa48("1071") ? t.startsWith(' (glob)') : stryMutAct_9fa48("1070") ? false : stryMutAct_9fa48("1069") ? true : (stryCov_9fa48("1069", "1070", "1071"), t.endsWith(stryMutAct_9fa48("1072") ? "" : (stryCov_9fa48("1072"), ' (glob)')))) return stryMutAct_9fa48("1073") ? {} : (stryCov_9fa48("1073"), {
      line,
      text,
      mode: stryMutAct_9fa48("1074") ? "" : (stryCov_9fa48("1074"), 'glob'),
      pattern: stryMutAct_9fa48("1075") ? t : (stryCov_9fa48("1075"), t.slice(0, stryMutAct_9fa48("1076") ? +7 : (stryCov_9fa48("1076"), -7)))
    });
    return stryMutAct_9fa48("1077") ? {} : (stryCov_9fa48("1077"), {
      line,
      text,
      mode: stryMutAct_9fa48("1078") ? "" : (stryCov_9fa48("1078"), 'exact')
    });
  }
}

/** Compiles a ` (glob)` pattern: `*` any run, `?` one character, `\` escapes. */
export function globToRegExp(glob: string): RegExp {
  if (stryMutAct_9fa48("1079")) {
    {}
  } else {
    stryCov_9fa48("1079");
    let re = stryMutAct_9fa48("1080") ? "Stryker was here!" : (stryCov_9fa48("1080"), '');
    for (let i = 0; stryMutAct_9fa48("1083") ? i >= glob.length : stryMutAct_9fa48("1082") ? i <= glob.length : stryMutAct_9fa48("1081") ? false : (stryCov_9fa48("1081", "1082", "1083"), i < glob.length); stryMutAct_9fa48("1084") ? i-- : (stryCov_9fa48("1084"), i++)) {
      if (stryMutAct_9fa48("1085")) {
        {}
      } else {
        stryCov_9fa48("1085");
        const c = glob[i]!;
        if (stryMutAct_9fa48("1088") ? c === '\\' || i + 1 < glob.length : stryMutAct_9fa48("1087") ? false : stryMutAct_9fa48("1086") ? true : (stryCov_9fa48("1086", "1087", "1088"), (stryMutAct_9fa48("1090") ? c !== '\\' : stryMutAct_9fa48("1089") ? true : (stryCov_9fa48("1089", "1090"), c === (stryMutAct_9fa48("1091") ? "" : (stryCov_9fa48("1091"), '\\')))) && (stryMutAct_9fa48("1094") ? i + 1 >= glob.length : stryMutAct_9fa48("1093") ? i + 1 <= glob.length : stryMutAct_9fa48("1092") ? true : (stryCov_9fa48("1092", "1093", "1094"), (stryMutAct_9fa48("1095") ? i - 1 : (stryCov_9fa48("1095"), i + 1)) < glob.length)))) stryMutAct_9fa48("1096") ? re -= glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : (stryCov_9fa48("1096"), re += glob[stryMutAct_9fa48("1097") ? --i : (stryCov_9fa48("1097"), ++i)]!.replace(stryMutAct_9fa48("1098") ? /[^.*+?^${}()|[\]\\/]/g : (stryCov_9fa48("1098"), /[.*+?^${}()|[\]\\/]/g), stryMutAct_9fa48("1099") ? "" : (stryCov_9fa48("1099"), '\\$&')));else if (stryMutAct_9fa48("1102") ? c !== '*' : stryMutAct_9fa48("1101") ? false : stryMutAct_9fa48("1100") ? true : (stryCov_9fa48("1100", "1101", "1102"), c === (stryMutAct_9fa48("1103") ? "" : (stryCov_9fa48("1103"), '*')))) re += stryMutAct_9fa48("1104") ? "" : (stryCov_9fa48("1104"), '.*');else if (stryMutAct_9fa48("1107") ? c !== '?' : stryMutAct_9fa48("1106") ? false : stryMutAct_9fa48("1105") ? true : (stryCov_9fa48("1105", "1106", "1107"), c === (stryMutAct_9fa48("1108") ? "" : (stryCov_9fa48("1108"), '?')))) re += stryMutAct_9fa48("1109") ? "" : (stryCov_9fa48("1109"), '.');else stryMutAct_9fa48("1110") ? re -= c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : (stryCov_9fa48("1110"), re += c.replace(stryMutAct_9fa48("1111") ? /[^.*+?^${}()|[\]\\/]/g : (stryCov_9fa48("1111"), /[.*+?^${}()|[\]\\/]/g), stryMutAct_9fa48("1112") ? "" : (stryCov_9fa48("1112"), '\\$&')));
      }
    }
    return new RegExp(stryMutAct_9fa48("1113") ? `` : (stryCov_9fa48("1113"), `^${re}$`), stryMutAct_9fa48("1114") ? "" : (stryCov_9fa48("1114"), 's'));
  }
}

/** Compiles a ` (re)` pattern for the whole line; throws SyntaxError when invalid. */
export function reToRegExp(pattern: string): RegExp {
  if (stryMutAct_9fa48("1115")) {
    {}
  } else {
    stryCov_9fa48("1115");
    return new RegExp(stryMutAct_9fa48("1116") ? `` : (stryCov_9fa48("1116"), `^(?:${pattern})$`), stryMutAct_9fa48("1117") ? "" : (stryCov_9fa48("1117"), 'u'));
  }
}

/** Parses a transcript body; `firstLine` is the recipe line of its first line. */
export function parseTranscript(body: string, firstLine: number): {
  commands: ConsoleCommand[];
  problems: ConsoleProblem[];
} {
  if (stryMutAct_9fa48("1118")) {
    {}
  } else {
    stryCov_9fa48("1118");
    const lines = body.split(stryMutAct_9fa48("1119") ? "" : (stryCov_9fa48("1119"), '\n'));
    if (stryMutAct_9fa48("1122") ? lines.length > 0 || lines[lines.length - 1] === '' : stryMutAct_9fa48("1121") ? false : stryMutAct_9fa48("1120") ? true : (stryCov_9fa48("1120", "1121", "1122"), (stryMutAct_9fa48("1125") ? lines.length <= 0 : stryMutAct_9fa48("1124") ? lines.length >= 0 : stryMutAct_9fa48("1123") ? true : (stryCov_9fa48("1123", "1124", "1125"), lines.length > 0)) && (stryMutAct_9fa48("1127") ? lines[lines.length - 1] !== '' : stryMutAct_9fa48("1126") ? true : (stryCov_9fa48("1126", "1127"), lines[stryMutAct_9fa48("1128") ? lines.length + 1 : (stryCov_9fa48("1128"), lines.length - 1)] === (stryMutAct_9fa48("1129") ? "Stryker was here!" : (stryCov_9fa48("1129"), '')))))) lines.pop();
    const commands: ConsoleCommand[] = stryMutAct_9fa48("1130") ? ["Stryker was here"] : (stryCov_9fa48("1130"), []);
    const problems: ConsoleProblem[] = stryMutAct_9fa48("1131") ? ["Stryker was here"] : (stryCov_9fa48("1131"), []);
    let current: ConsoleCommand | undefined;
    let inContinuation = stryMutAct_9fa48("1132") ? true : (stryCov_9fa48("1132"), false);
    lines.forEach((raw, i) => {
      if (stryMutAct_9fa48("1133")) {
        {}
      } else {
        stryCov_9fa48("1133");
        const line = stryMutAct_9fa48("1134") ? firstLine - i : (stryCov_9fa48("1134"), firstLine + i);
        const text = raw.replace(stryMutAct_9fa48("1135") ? /\r/ : (stryCov_9fa48("1135"), /\r$/), stryMutAct_9fa48("1136") ? "Stryker was here!" : (stryCov_9fa48("1136"), ''));
        if (stryMutAct_9fa48("1139") ? (text === '$' || text.startsWith('$ ')) && text.startsWith('$\t') : stryMutAct_9fa48("1138") ? false : stryMutAct_9fa48("1137") ? true : (stryCov_9fa48("1137", "1138", "1139"), (stryMutAct_9fa48("1141") ? text === '$' && text.startsWith('$ ') : stryMutAct_9fa48("1140") ? false : (stryCov_9fa48("1140", "1141"), (stryMutAct_9fa48("1143") ? text !== '$' : stryMutAct_9fa48("1142") ? false : (stryCov_9fa48("1142", "1143"), text === (stryMutAct_9fa48("1144") ? "" : (stryCov_9fa48("1144"), '$')))) || (stryMutAct_9fa48("1145") ? text.endsWith('$ ') : (stryCov_9fa48("1145"), text.startsWith(stryMutAct_9fa48("1146") ? "" : (stryCov_9fa48("1146"), '$ ')))))) || (stryMutAct_9fa48("1147") ? text.endsWith('$\t') : (stryCov_9fa48("1147"), text.startsWith(stryMutAct_9fa48("1148") ? "" : (stryCov_9fa48("1148"), '$\t')))))) {
          if (stryMutAct_9fa48("1149")) {
            {}
          } else {
            stryCov_9fa48("1149");
            const command = (stryMutAct_9fa48("1152") ? text.slice(1).trim() !== '' : stryMutAct_9fa48("1151") ? false : stryMutAct_9fa48("1150") ? true : (stryCov_9fa48("1150", "1151", "1152"), (stryMutAct_9fa48("1154") ? text.trim() : stryMutAct_9fa48("1153") ? text.slice(1) : (stryCov_9fa48("1153", "1154"), text.slice(1).trim())) === (stryMutAct_9fa48("1155") ? "Stryker was here!" : (stryCov_9fa48("1155"), '')))) ? stryMutAct_9fa48("1156") ? "Stryker was here!" : (stryCov_9fa48("1156"), '') : stryMutAct_9fa48("1157") ? text : (stryCov_9fa48("1157"), text.slice(2));
            if (stryMutAct_9fa48("1160") ? command.trim() !== '' : stryMutAct_9fa48("1159") ? false : stryMutAct_9fa48("1158") ? true : (stryCov_9fa48("1158", "1159", "1160"), (stryMutAct_9fa48("1161") ? command : (stryCov_9fa48("1161"), command.trim())) === (stryMutAct_9fa48("1162") ? "Stryker was here!" : (stryCov_9fa48("1162"), '')))) problems.push(stryMutAct_9fa48("1163") ? {} : (stryCov_9fa48("1163"), {
              line,
              message: stryMutAct_9fa48("1164") ? "" : (stryCov_9fa48("1164"), 'empty console command ("$" with nothing after it)')
            }));
            current = stryMutAct_9fa48("1165") ? {} : (stryCov_9fa48("1165"), {
              line,
              command,
              expected: stryMutAct_9fa48("1166") ? ["Stryker was here"] : (stryCov_9fa48("1166"), []),
              exit: 0
            });
            commands.push(current);
            inContinuation = stryMutAct_9fa48("1167") ? false : (stryCov_9fa48("1167"), true);
            return;
          }
        }
        if (stryMutAct_9fa48("1170") ? inContinuation && current || text === '>' || text.startsWith('> ') : stryMutAct_9fa48("1169") ? false : stryMutAct_9fa48("1168") ? true : (stryCov_9fa48("1168", "1169", "1170"), (stryMutAct_9fa48("1172") ? inContinuation || current : stryMutAct_9fa48("1171") ? true : (stryCov_9fa48("1171", "1172"), inContinuation && current)) && (stryMutAct_9fa48("1174") ? text === '>' && text.startsWith('> ') : stryMutAct_9fa48("1173") ? true : (stryCov_9fa48("1173", "1174"), (stryMutAct_9fa48("1176") ? text !== '>' : stryMutAct_9fa48("1175") ? false : (stryCov_9fa48("1175", "1176"), text === (stryMutAct_9fa48("1177") ? "" : (stryCov_9fa48("1177"), '>')))) || (stryMutAct_9fa48("1178") ? text.endsWith('> ') : (stryCov_9fa48("1178"), text.startsWith(stryMutAct_9fa48("1179") ? "" : (stryCov_9fa48("1179"), '> ')))))))) {
          if (stryMutAct_9fa48("1180")) {
            {}
          } else {
            stryCov_9fa48("1180");
            stryMutAct_9fa48("1181") ? current.command -= '\n' + text.slice(2) : (stryCov_9fa48("1181"), current.command += (stryMutAct_9fa48("1182") ? "" : (stryCov_9fa48("1182"), '\n')) + (stryMutAct_9fa48("1183") ? text : (stryCov_9fa48("1183"), text.slice(2))));
            return;
          }
        }
        inContinuation = stryMutAct_9fa48("1184") ? true : (stryCov_9fa48("1184"), false);
        if (stryMutAct_9fa48("1187") ? false : stryMutAct_9fa48("1186") ? true : stryMutAct_9fa48("1185") ? current : (stryCov_9fa48("1185", "1186", "1187"), !current)) {
          if (stryMutAct_9fa48("1188")) {
            {}
          } else {
            stryCov_9fa48("1188");
            if (stryMutAct_9fa48("1191") ? text.trim() === '' : stryMutAct_9fa48("1190") ? false : stryMutAct_9fa48("1189") ? true : (stryCov_9fa48("1189", "1190", "1191"), (stryMutAct_9fa48("1192") ? text : (stryCov_9fa48("1192"), text.trim())) !== (stryMutAct_9fa48("1193") ? "Stryker was here!" : (stryCov_9fa48("1193"), '')))) problems.push(stryMutAct_9fa48("1194") ? {} : (stryCov_9fa48("1194"), {
              line,
              message: stryMutAct_9fa48("1195") ? "" : (stryCov_9fa48("1195"), 'output line before the first "$ " command')
            }));
            return;
          }
        }
        const e = expectedLine(text, line);
        if (stryMutAct_9fa48("1198") ? e.mode !== 're' : stryMutAct_9fa48("1197") ? false : stryMutAct_9fa48("1196") ? true : (stryCov_9fa48("1196", "1197", "1198"), e.mode === (stryMutAct_9fa48("1199") ? "" : (stryCov_9fa48("1199"), 're')))) {
          if (stryMutAct_9fa48("1200")) {
            {}
          } else {
            stryCov_9fa48("1200");
            try {
              if (stryMutAct_9fa48("1201")) {
                {}
              } else {
                stryCov_9fa48("1201");
                reToRegExp(e.pattern!);
              }
            } catch (err) {
              if (stryMutAct_9fa48("1202")) {
                {}
              } else {
                stryCov_9fa48("1202");
                problems.push(stryMutAct_9fa48("1203") ? {} : (stryCov_9fa48("1203"), {
                  line,
                  message: stryMutAct_9fa48("1204") ? `` : (stryCov_9fa48("1204"), `bad regular expression in (re) line: ${(err as Error).message}`)
                }));
              }
            }
          }
        }
        current.expected.push(e);
      }
    });
    for (const c of commands) {
      if (stryMutAct_9fa48("1205")) {
        {}
      } else {
        stryCov_9fa48("1205");
        const last = c.expected[stryMutAct_9fa48("1206") ? c.expected.length + 1 : (stryCov_9fa48("1206"), c.expected.length - 1)];
        const m = (stryMutAct_9fa48("1209") ? last || last.mode === 'exact' : stryMutAct_9fa48("1208") ? false : stryMutAct_9fa48("1207") ? true : (stryCov_9fa48("1207", "1208", "1209"), last && (stryMutAct_9fa48("1211") ? last.mode !== 'exact' : stryMutAct_9fa48("1210") ? true : (stryCov_9fa48("1210", "1211"), last.mode === (stryMutAct_9fa48("1212") ? "" : (stryCov_9fa48("1212"), 'exact')))))) ? (stryMutAct_9fa48("1218") ? /^\[(\d{1,3})\]\S*$/ : stryMutAct_9fa48("1217") ? /^\[(\d{1,3})\]\s$/ : stryMutAct_9fa48("1216") ? /^\[(\D{1,3})\]\s*$/ : stryMutAct_9fa48("1215") ? /^\[(\d)\]\s*$/ : stryMutAct_9fa48("1214") ? /^\[(\d{1,3})\]\s*/ : stryMutAct_9fa48("1213") ? /\[(\d{1,3})\]\s*$/ : (stryCov_9fa48("1213", "1214", "1215", "1216", "1217", "1218"), /^\[(\d{1,3})\]\s*$/)).exec(last.text) : null;
        if (stryMutAct_9fa48("1221") ? m || last : stryMutAct_9fa48("1220") ? false : stryMutAct_9fa48("1219") ? true : (stryCov_9fa48("1219", "1220", "1221"), m && last)) {
          if (stryMutAct_9fa48("1222")) {
            {}
          } else {
            stryCov_9fa48("1222");
            const n = Number(m[1]);
            if (stryMutAct_9fa48("1226") ? n <= 255 : stryMutAct_9fa48("1225") ? n >= 255 : stryMutAct_9fa48("1224") ? false : stryMutAct_9fa48("1223") ? true : (stryCov_9fa48("1223", "1224", "1225", "1226"), n > 255)) problems.push(stryMutAct_9fa48("1227") ? {} : (stryCov_9fa48("1227"), {
              line: last.line,
              message: stryMutAct_9fa48("1228") ? `` : (stryCov_9fa48("1228"), `exit status [${n}] must be from 0 to 255`)
            }));
            c.exit = n;
            c.exitLine = last.line;
            c.expected.pop();
          }
        }
      }
    }
    if (stryMutAct_9fa48("1231") ? commands.length === 0 || problems.length === 0 : stryMutAct_9fa48("1230") ? false : stryMutAct_9fa48("1229") ? true : (stryCov_9fa48("1229", "1230", "1231"), (stryMutAct_9fa48("1233") ? commands.length !== 0 : stryMutAct_9fa48("1232") ? true : (stryCov_9fa48("1232", "1233"), commands.length === 0)) && (stryMutAct_9fa48("1235") ? problems.length !== 0 : stryMutAct_9fa48("1234") ? true : (stryCov_9fa48("1234", "1235"), problems.length === 0)))) {
      if (stryMutAct_9fa48("1236")) {
        {}
      } else {
        stryCov_9fa48("1236");
        problems.push(stryMutAct_9fa48("1237") ? {} : (stryCov_9fa48("1237"), {
          line: firstLine,
          message: stryMutAct_9fa48("1238") ? "" : (stryCov_9fa48("1238"), 'console block has no "$ " command')
        }));
      }
    }
    return stryMutAct_9fa48("1239") ? {} : (stryCov_9fa48("1239"), {
      commands,
      problems
    });
  }
}