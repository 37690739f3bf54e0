/**
 * A static ConstrainedLanguage check over a real PowerShell grammar (tree-sitter-powershell): reports
 * every construct CLM refuses, per Microsoft's about_Language_Modes (PS 5.1): type literals / casts to
 * types outside the allowed list, static member access or method calls on such types, instance method
 * calls (the target's type is unknown statically, so only ToString() — allowed on anything — passes),
 * property assignment, New-Object of a non-allowed type or COM class, Add-Type; and any parse error.
 */
import { join } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

/** about_Language_Modes "Allowed Types" (5.1), lower-case, plus the full names of the common ones. */
export const CLM_ALLOWED_TYPES: ReadonlySet<string> = new Set(
  [
    'adsi', 'adsisearcher', 'alias', 'allowemptycollection', 'allowemptystring', 'allownull', 'argumentcompleter', 'argumentcompletions', 'array', 'bigint', 'bool', 'byte', 'char',
    'cimclass', 'cimconverter', 'ciminstance', 'cimsession', 'cimtype', 'cmdletbinding', 'cultureinfo', 'datetime', 'decimal', 'double', 'dsclocalconfigurationmanager', 'dscproperty',
    'dscresource', 'experimentaction', 'experimental', 'experimentalfeature', 'float', 'guid', 'hashtable', 'int', 'int16', 'int32', 'int64', 'ipaddress', 'ipendpoint', 'long',
    'mailaddress', 'microsoft.powershell.commands.modulespecification', 'nullstring', 'object[]', 'objectsecurity', 'ordered', 'outputtype', 'parameter', 'physicaladdress',
    'pscredential', 'pscustomobject', 'psdefaultvalue', 'pslistmodifier', 'psobject', 'psprimitivedictionary', 'pstypenameattribute', 'ref', 'regex', 'sbyte', 'securestring',
    'semver', 'short', 'single', 'string', 'supportswildcards', 'switch', 'timespan', 'uint', 'uint16', 'uint32', 'uint64', 'ulong', 'uri', 'ushort', 'validatecount',
    'validatedrive', 'validatelength', 'validatenotnull', 'validatenotnullorempty', 'validatepattern', 'validaterange', 'validatescript', 'validateset', 'validatetrusteddata',
    'validateuserdrive', 'version', 'void', 'wildcardpattern', 'wmi', 'wmiclass', 'wmisearcher', 'x500distinguishedname', 'x509certificate', 'xml',
    'system.string', 'system.int32', 'system.boolean', 'system.datetime', 'system.byte', 'system.object[]', 'system.management.automation.pscustomobject',
    'system.security.cryptography.x509certificates.x509certificate', 'system.security.cryptography.x509certificates.x500distinguishedname',
  ],
);
const COM_ALLOWED = new Set(['scripting.dictionary', 'scripting.filesystemobject', 'vbscript.regexp']);

export interface ClmViolation {
  readonly rule: string;
  readonly text: string;
  readonly line: number;
}

let parser: Parser | null = null;

/** Loads the grammar once (web-tree-sitter + the package's .wasm). */
export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const lang = await Language.load(join(process.cwd(), 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'));
  const p = new Parser();
  p.setLanguage(lang);
  parser = p;
  return p;
}

function typeName(typeLiteral: Node): string {
  return typeLiteral.text.replace(/^\[|\]$/g, '').trim().toLowerCase();
}

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of n.namedChildren) if (c) walk(c, visit);
}

/** Every ConstrainedLanguage violation (and parse error) in one script; empty when CLM runs it. */
export async function clmViolations(script: string): Promise<ClmViolation[]> {
  const p = await powershellParser();
  const tree = p.parse(script);
  if (!tree) return [{ rule: 'parse', text: 'grammar returned no tree', line: 0 }];
  const out: ClmViolation[] = [];
  const add = (rule: string, n: Node): void => {
    out.push({ rule, text: n.text.slice(0, 120), line: n.startPosition.row + 1 });
  };
  walk(tree.rootNode, (n) => {
    if (n.isError || n.isMissing) add('parse error', n);
    switch (n.type) {
      case 'type_literal':
        if (!CLM_ALLOWED_TYPES.has(typeName(n))) add(`type [${typeName(n)}] is not allowed in ConstrainedLanguage`, n);
        break;
      case 'invokation_expression': {
        const target = n.namedChildren[0];
        const member = n.namedChildren.find((c) => c?.type === 'member_name');
        const method = member?.text.toLowerCase() ?? '';
        if (target?.type === 'type_literal') {
          if (!CLM_ALLOWED_TYPES.has(typeName(target))) add('static method call on a type outside the allowed list', n);
        } else if (method !== 'tostring') add(`instance method call .${member?.text ?? '?'}() (allowed only on core types; not provable statically)`, n);
        break;
      }
      case 'left_assignment_expression':
        if (n.descendantsOfType('member_access').length > 0) add('property assignment (allowed only on core types)', n);
        break;
      case 'command': {
        const name = n.childForFieldName('command_name')?.text.toLowerCase() ?? '';
        const elements = n.childForFieldName('command_elements');
        const words = elements ? elements.namedChildren.filter((c) => c && c.type !== 'command_argument_sep').map((c) => (c as Node).text) : [];
        if (name === 'add-type') add('Add-Type', n);
        if (name === 'new-object') {
          const com = words.findIndex((w) => /^-com(object)?$/i.test(w));
          if (com >= 0) {
            const cls = (words[com + 1] ?? '').replace(/^['"]|['"]$/g, '').toLowerCase();
            if (!COM_ALLOWED.has(cls)) add(`New-Object -ComObject ${cls}`, n);
          } else {
            const ti = words.findIndex((w) => /^-typename$/i.test(w));
            const tname = (ti >= 0 ? words[ti + 1] : words.find((w) => !w.startsWith('-'))) ?? '';
            const t = tname.replace(/^['"]|['"]$/g, '').toLowerCase();
            if (!CLM_ALLOWED_TYPES.has(t)) add(`New-Object ${t}`, n);
          }
        }
        break;
      }
      default:
        break;
    }
  });
  return out;
}
