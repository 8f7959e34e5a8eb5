/**
 * Field-level problems of the patient record, worded in both languages. Zod issues carry the key as
 * their message; the server's error handler and the console's forms both render it from this table.
 */
export const PATIENT_FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  id_card_format: {
    zh: '身份证号应为 18 位（或旧版 15 位）',
    en: 'An ID-card number has 18 digits (or 15, old style)',
  },
  id_card_checksum: { zh: '身份证号校验位不正确', en: 'The ID-card check digit is wrong' },
  id_card_region: { zh: '身份证号的地区码不存在', en: 'The ID-card region code does not exist' },
  id_card_birth_date: {
    zh: '身份证号中的出生日期无效',
    en: 'The birth date inside the ID-card number is invalid',
  },
  id_card_birth_date_mismatch: {
    zh: '出生日期与身份证号不一致',
    en: 'The birth date does not match the ID-card number',
  },
  id_card_gender_mismatch: { zh: '性别与身份证号不一致', en: 'The gender does not match the ID-card number' },
  id_card_taken: {
    zh: '该身份证号已登记在另一位患者名下',
    en: 'This ID-card number is already registered to another patient',
  },
  phone_format: { zh: '电话号码格式不正确', en: 'The phone number is not in a valid format' },
  phone_range: { zh: '不是有效的中国大陆手机号段', en: 'Not a valid mainland China mobile number' },
  phone_required: { zh: '请填写电话号码', en: 'Enter the phone number' },
  unknown_phone: {
    zh: '该电话已不存在，请刷新后重试',
    en: 'This phone no longer exists; reload and try again',
  },
  unknown_contact: {
    zh: '该联系人已不存在，请刷新后重试',
    en: 'This contact no longer exists; reload and try again',
  },
  phone_duplicate: { zh: '电话号码重复', en: 'The same phone number is listed twice' },
  one_primary_phone: { zh: '只能有一个主要电话', en: 'Only one phone can be the primary one' },
  date_format: { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD' },
  date_in_future: { zh: '日期不能晚于今天', en: 'The date cannot be in the future' },
  date_too_early: { zh: '日期早于 1880 年', en: 'The date is before 1880' },
  month_day_format: { zh: '格式应为 MM-DD（如 08-15）', en: 'Write month and day as MM-DD (e.g. 08-15)' },
  name_format: { zh: '姓名不能包含数字或特殊符号', en: 'A name cannot contain digits or symbols' },
  identifier_duplicate: { zh: '同一系统的编号重复', en: 'The same system and number are listed twice' },
  identifier_taken: {
    zh: '该编号已属于另一位患者',
    en: 'This number already belongs to another patient',
  },
  consent_duplicate: { zh: '同一用途和渠道重复', en: 'The same purpose and channel are listed twice' },
  version_conflict: {
    zh: '该档案已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  patient_erased: {
    zh: '该档案已按本人要求匿名化，不能再修改',
    en: 'This record was anonymised on request and is closed',
  },
  confirm_name_mismatch: { zh: '输入的姓名与档案不一致', en: 'The name typed does not match the record' },
  age_range: { zh: '最小年龄不能大于最大年龄', en: 'The minimum age cannot exceed the maximum' },
  unknown_department: { zh: '科室不存在', en: 'No such department' },
  unknown_practitioner: { zh: '医生不存在', en: 'No such practitioner' },
  unknown_health_manager: { zh: '健康管家不存在或已停用', en: 'No such active health manager' },
  department_code_taken: { zh: '科室编码已被使用', en: 'This department code is already used' },
  practitioner_code_taken: { zh: '工号已被使用', en: 'This staff number is already used' },
  department_cycle: { zh: '上级科室不能是自身或其下级', en: 'A department cannot sit under itself' },
};
