import type { InboundProblem } from '@carebridge/domain';
import { fieldMessage } from '../../../platform/i18n';
import { TARGET_FIELDS, parseTabularWhere, type TabularKind } from '@carebridge/domain';

/** zh-CN and English texts of the message codes of CSV/Excel imports (reading, mapping and rows). */
export const TABULAR_MESSAGES: Readonly<Record<string, { zh: string; en: string }>> = {
  // Reading the file
  table_format_unknown: { zh: '无法识别的文件类型', en: 'Unrecognised file type' },
  xls_unsupported_save_as_xlsx: {
    zh: '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入',
    en: 'Old Excel (.xls) files are not supported; save the file as .xlsx and import it again',
  },
  xlsx_encrypted: {
    zh: 'Excel 文件已加密（设置了打开密码），请取消密码后再导入',
    en: 'The Excel file is password-protected; remove the password and import it again',
  },
  html_table_unsupported_save_as_xlsx: {
    zh: '该文件实际是网页表格（HTML），请在 Excel 中打开后另存为 .xlsx 再导入',
    en: 'The file is an HTML table; open it in Excel, save it as .xlsx and import it again',
  },
  xlsx_invalid: { zh: 'Excel 文件已损坏或不完整', en: 'The Excel file is damaged or incomplete' },
  xlsx_zip64_unsupported: {
    zh: 'Excel 文件过大（超过 4 GB）',
    en: 'The Excel file is too large (over 4 GB)',
  },
  xlsx_sheet_not_found: { zh: '找不到指定的工作表', en: 'The requested sheet does not exist' },
  table_empty: { zh: '文件中没有数据', en: 'The file contains no data' },
  xlsx_merged_cells: {
    zh: '该单元格属于跨行合并的单元格，无法确定数值属于哪一行，请取消合并并逐行填写',
    en: 'The cell is part of a range merged across rows, so the row its value belongs to is unknown; unmerge and fill in each row',
  },
  csv_unbalanced_quotes: {
    zh: '该行引号不成对（缺少结束引号），整行无法读取',
    en: 'The row has an unbalanced quote (no closing quote) and cannot be read',
  },
  csv_row_too_long: { zh: '该行过长（超过 1 MB），无法读取', en: 'The row is too long (over 1 MB)' },
  csv_too_many_columns: { zh: '该行列数过多', en: 'The row has too many columns' },
  // Mapping
  mapping_not_object: { zh: '映射文件格式错误', en: 'The mapping is not a JSON object' },
  mapping_version_unsupported: { zh: '不支持的映射版本', en: 'Unsupported mapping version' },
  mapping_kind_invalid: { zh: '导入类型无效', en: 'Invalid import kind' },
  mapping_columns_invalid: { zh: '列映射格式错误', en: 'Invalid column mapping' },
  mapping_field_unknown: { zh: '未知字段', en: 'Unknown field' },
  mapping_column_invalid: { zh: '列号或列名无效', en: 'Invalid column index or header' },
  mapping_column_reused: { zh: '同一列被映射到多个字段', en: 'The same column is mapped to two fields' },
  mapping_defaults_invalid: { zh: '默认值格式错误', en: 'Invalid defaults' },
  mapping_default_invalid: { zh: '默认值无效', en: 'Invalid default value' },
  mapping_key_unknown: { zh: '映射中有未知项', en: 'Unknown key in the mapping' },
  mapping_header_not_found: { zh: '文件中找不到该列名', en: 'The file has no column with this header' },
  mapping_column_out_of_range: { zh: '列号超出表头范围', en: 'The column index is beyond the header row' },
  mapping_required_unmapped: { zh: '必填字段未指定对应的列', en: 'A required field has no column' },
  // Rows
  csv_required_missing: { zh: '必填项为空', en: 'Required value is missing' },
  csv_date_invalid: { zh: '日期无法识别或不存在', en: 'Not a valid date' },
  csv_birth_date_future: { zh: '出生日期晚于今天', en: 'The birth date is in the future' },
  csv_id_card_invalid: { zh: '身份证号无效', en: 'Invalid ID card number' },
  csv_id_card_mismatch: {
    zh: '与身份证号中的出生日期或性别不一致',
    en: 'Disagrees with the birth date or gender in the ID card number',
  },
  csv_mobile_invalid: { zh: '电话号码无效', en: 'Invalid phone number' },
  csv_email_invalid: { zh: '电子邮箱格式错误', en: 'Invalid email address' },
  csv_amount_invalid: {
    zh: '金额无法识别（最多两位小数）',
    en: 'Not a valid amount (at most two decimals)',
  },
  csv_amount_negative: { zh: '金额不能为负数', en: 'The amount must not be negative' },
  csv_gender_invalid: { zh: '性别无法识别', en: 'Unrecognised gender' },
  csv_value_unknown: { zh: '无法识别的取值', en: 'Unrecognised value' },
  csv_value_too_long: { zh: '内容过长', en: 'The value is too long' },
  csv_patient_ref_missing: {
    zh: '缺少患者标识（病历号、身份证号或手机号至少填一项）',
    en: 'No patient reference (MRN, ID card number or mobile)',
  },
  csv_patient_identity_missing: {
    zh: '仅有姓名无法识别患者，请至少填写病历号、身份证号、电话或出生日期之一',
    en: 'A name alone does not identify a patient; give an MRN, ID card number, phone or birth date',
  },
  csv_end_before_start: { zh: '结束时间早于开始时间', en: 'The end is before the start' },
};

/** Details that are codes rather than values (ID-card problems, what disagreed). */
const DETAIL_TEXTS: Readonly<Record<string, { zh: string; en: string }>> = {
  format: { zh: '格式错误', en: 'wrong format' },
  checksum: { zh: '校验位错误', en: 'wrong check digit' },
  region: { zh: '地区码错误', en: 'unknown region code' },
  birth_date: { zh: '出生日期部分无效', en: 'invalid birth date part' },
  range: { zh: '号段不存在', en: 'number range not in use' },
  stored_as_number: {
    zh: '被 Excel 存成了数字，末位已丢失，请把该列设为文本后重新录入',
    en: 'stored as a number by Excel, the last digits are lost; format the column as text and re-enter',
  },
  birthDate: { zh: '出生日期', en: 'birth date' },
  gender: { zh: '性别', en: 'gender' },
};

export type TabularLang = 'zh' | 'en';

/** A reading or mapping problem; problems found while writing (an unknown patient) use the field catalogue. */
export function tabularMessage(code: string, lang: TabularLang): string {
  return TABULAR_MESSAGES[code]?.[lang] ?? fieldMessage(code, lang);
}

/**
 * One line for a problem: '出生日期：日期无法识别或不存在（1990-13-01）[csv_date_invalid]'. The column is the
 * file's header; a field without a column is named by its label.
 */
export function describeProblem(problem: InboundProblem, lang: TabularLang, kind?: TabularKind): string {
  const where = parseTabularWhere(problem.where);
  let subject = where.column;
  if (subject === undefined && where.field !== undefined) {
    const field = kind === undefined ? undefined : TARGET_FIELDS[kind].find((f) => f.key === where.field);
    subject = field ? field[lang] : where.field;
  }
  const detail = problem.detail === undefined ? '' : (DETAIL_TEXTS[problem.detail]?.[lang] ?? problem.detail);
  const text = tabularMessage(problem.message, lang);
  const colon = lang === 'zh' ? '：' : ': ';
  const withDetail = detail === '' ? text : lang === 'zh' ? `${text}（${detail}）` : `${text} (${detail})`;
  return `${subject === undefined ? '' : subject + colon}${withDetail} [${problem.message}]`;
}
