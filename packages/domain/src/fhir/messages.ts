/**
 * The FHIR mapper's message codes, phrased for people in both console languages. The server puts these into
 * OperationOutcome.issue.diagnostics (see operationOutcome in ./to-fhir.ts); `detail` is appended as is.
 */
export type Lang = 'zh-CN' | 'en';

export type FhirIssueCode = 'invalid' | 'required' | 'not-supported' | 'processing';

interface MessageDef {
  code: FhirIssueCode;
  'zh-CN': string;
  en: string;
}

export const FHIR_MESSAGES: Readonly<Record<string, MessageDef>> = {
  fhir_json_invalid: { code: 'invalid', 'zh-CN': '内容不是有效的 JSON', en: 'The content is not valid JSON' },
  fhir_element_invalid: {
    code: 'invalid',
    'zh-CN': '元素的格式不正确',
    en: 'The element has the wrong form',
  },
  fhir_required_missing: { code: 'required', 'zh-CN': '缺少必填元素', en: 'A required element is missing' },
  fhir_date_invalid: {
    code: 'invalid',
    'zh-CN': '日期或时间格式不正确（应为 YYYY、YYYY-MM、YYYY-MM-DD，或带时区的日期时间）',
    en: 'Invalid date or time (expected YYYY, YYYY-MM, YYYY-MM-DD, or a date-time with a UTC offset)',
  },
  fhir_resource_type_unknown: {
    code: 'invalid',
    'zh-CN': '不是 FHIR R4 的资源类型',
    en: 'Not a FHIR R4 resource type',
  },
  fhir_reference_invalid: {
    code: 'invalid',
    'zh-CN': '引用格式不正确（应为 类型/id、完整 URL、urn:uuid: 或 #内嵌资源）',
    en: 'Malformed reference (expected Type/id, an absolute URL, urn:uuid: or #contained)',
  },
  fhir_reference_unresolved: {
    code: 'processing',
    'zh-CN': '找不到所引用的资源',
    en: 'The referenced resource cannot be found',
  },
  fhir_method_unsupported: {
    code: 'not-supported',
    'zh-CN': '不支持该请求方法（只接受 POST 和 PUT）',
    en: 'Request method not supported (only POST and PUT are accepted)',
  },
  fhir_bundle_type_unsupported: {
    code: 'not-supported',
    'zh-CN': '不支持该类型的 Bundle（接受 transaction、batch、collection、searchset）',
    en: 'Bundle type not supported (transaction, batch, collection and searchset are accepted)',
  },
  fhir_mapping_failed: {
    code: 'processing',
    'zh-CN': '该资源无法转换，请联系系统管理员',
    en: 'The resource could not be converted; please contact the administrator',
  },
};

/** The localised text of a message code; codes from elsewhere (other mappers, the writer) get a generic one. */
export function fhirMessage(code: string, lang: Lang): string {
  const def = FHIR_MESSAGES[code];
  if (def) return def[lang];
  return lang === 'zh-CN' ? `数据有误（${code}）` : `Invalid data (${code})`;
}

export function fhirIssueCode(code: string): FhirIssueCode {
  return FHIR_MESSAGES[code]?.code ?? 'processing';
}
