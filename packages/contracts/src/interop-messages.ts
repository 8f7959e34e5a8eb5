/**
 * Field-level problems of imports, interfaces and the master patient index, worded in both languages; the
 * server's error handler renders them (like PATIENT_FIELD_MESSAGES) and import reports use them for
 * problems found while writing (a visit whose patient is unknown).
 */
export const INTEROP_FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'Required' },
  invalid_enum_value: { zh: '不是可选的值之一', en: 'Not one of the allowed values' },
  invalid_mapping: {
    zh: '列映射格式不正确（字段 → 列序号）',
    en: 'The column mapping is malformed (field → column index)',
  },
  invalid_source_system: {
    zh: '来源系统名只能包含字母、数字和 _ : . @ -，最多 40 个字符',
    en: 'A source system name has only letters, digits and _ : . @ -, at most 40 characters',
  },
  bulk_patients_only: {
    zh: '批量初始导入只适用于患者主数据',
    en: 'A bulk load is for patient records only',
  },
  bulk_too_large: {
    zh: '初次批量导入一个文件最多 200 万行：请拆分为几个文件，逐个批量导入（后导入的会与已导入的患者匹配）',
    en: 'A bulk load takes at most 2 million rows per file: split the register into several files and load them one after another (each is matched against those before it)',
  },
  patient_not_found: { zh: '找不到对应的患者', en: 'No such patient is known' },
  merge_patient_unknown: { zh: '要合并的患者记录不存在', en: 'A patient record of the merge is unknown' },
  merge_same_record: { zh: '不能把记录合并到它自己', en: 'A record cannot be merged into itself' },
  merge_record_inactive: {
    zh: '该记录已被合并或已匿名化',
    en: 'The record has already been merged or anonymised',
  },
  merge_already_undone: { zh: '该合并已撤销', en: 'This merge has already been undone' },
  survivor_not_in_pair: {
    zh: '保留的记录必须是这两条之一',
    en: 'The record kept must be one of the two',
  },
  review_already_decided: { zh: '该疑似重复已处理', en: 'This possible duplicate has already been decided' },
  message_not_rejected: { zh: '只能重新处理被拒收的消息', en: 'Only refused messages can be reprocessed' },
  fhir_search_needs_name_identifier_or_phone: {
    zh: '请提供 name、identifier 或 phone 之一',
    en: 'Give name, identifier or phone',
  },
};
