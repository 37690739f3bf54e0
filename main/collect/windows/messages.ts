/**
 * Localized Windows messages we cannot avoid reading (reg.exe and netsh print no error codes), in
 * en, de, fr, es, it, pt-BR, ja, zh-CN and ru. Sources: test/fixtures/windows/real/SOURCES.md.
 * Everything else is decided from exit codes and output structure.
 */

/** reg.exe: "The system was unable to find the specified registry key or value." */
export const REG_NOT_FOUND: readonly RegExp[] = [
  /unable to find the specified registry key/i, // en
  /Registrierungsschl.ssel bzw\. Wert wurde nicht gefunden/i, // de
  /n'a pas trouv. la cl. ou la valeur de Registre/i, // fr
  /no pudo encontrar la clave o el valor del Registro/i, // es
  /Impossibile trovare la chiave o il valore del Registro/i, // it
  /n.o p.de localizar a chave/i, // pt-BR
  /指定されたレジストリ\s*キーまたは値が見つかりませんでした/, // ja
  /系统找不到指定的注册表项或值/, // zh-CN
  /Не удается найти указанный раздел или параметр/i, // ru
];

/** Windows error 5 (ERROR_ACCESS_DENIED) as reg.exe / netsh print it. */
export const ACCESS_DENIED: readonly RegExp[] = [
  /access is denied/i, // en
  /Zugriff verweigert/i, // de
  /Acc.s refus./i, // fr
  /Acceso denegado/i, // es
  /Accesso negato/i, // it
  /Acesso negado/i, // pt-BR
  /アクセスが拒否されました/, // ja
  /拒绝访问/, // zh-CN
  /Отказано в доступе/i, // ru
];

/** True when any pattern matches. */
export function anyMatch(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/**
 * PowerShell's CategoryInfo / FullyQualifiedErrorId are not translated, so a store that does not
 * exist or is denied is recognised in every display language by them.
 */
export function classifyPowerShellError(stderr: string): 'absent' | 'access-denied' | 'constrained-language' | 'no-json-cmdlet' | 'error' {
  if (/NotSupportedInConstrainedLanguage|CannotCreateTypeConstrainedLanguage|ConversionSupportedOnlyToCoreTypes|CannotDefineNewType/i.test(stderr)) return 'constrained-language';
  if (/CommandNotFoundException/.test(stderr) && /ConvertTo-Json/i.test(stderr)) return 'no-json-cmdlet';
  if (/PathNotFound|ItemNotFoundException|ObjectNotFound:/.test(stderr)) return 'absent';
  if (/PermissionDenied|UnauthorizedAccessException/.test(stderr)) return 'access-denied';
  // Without the category lines (e.g. a one-line message), fall back to the localized words.
  if (anyMatch(ACCESS_DENIED, stderr)) return 'access-denied';
  if (/cannot find path|does not exist|kann nicht gefunden werden|ist nicht vorhanden/i.test(stderr)) return 'absent';
  return 'error';
}
