/**
 * What a CSV/Excel import can fill: three kinds of table (patients, visits, charges) and, for each, the
 * fields a column can be mapped onto. Each field carries its labels (for the mapping screen and the reject
 * report) and the header texts hospitals actually use for it (HIS exports, registration spreadsheets,
 * 体检 lists), which `suggestMapping` matches against a file's header row.
 */

export const TABULAR_KINDS = ['patients', 'visits', 'charges'] as const;
export type TabularKind = (typeof TABULAR_KINDS)[number];

/** How a field's cells are read (see parse-cells.ts). */
export type TabularFieldType =
  | 'text'
  | 'code'
  | 'name'
  | 'date'
  | 'datetime'
  | 'gender'
  | 'idCard'
  | 'mobile'
  | 'email'
  | 'amount'
  | 'maritalStatus'
  | 'encounterKind'
  | 'encounterStatus'
  | 'chargeCategory'
  | 'payer'
  | 'paymentMethod';

export interface TargetField {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  type: TabularFieldType;
  /** Cells of this field are masked wherever they are shown back (reject report). */
  sensitive?: 'idCard' | 'phone';
  /** Longest accepted value, in characters (a longer one is a typo or a shifted column). */
  maxLength: number;
  /**
   * Header texts, best first, in the form `normaliseHeader` produces (lowercase, no spaces or punctuation);
   * they are normalised again when the table is built, so they are written here as people write them.
   */
  synonyms: readonly string[];
  /** A header containing one of these is never matched to this field by containment (only exactly). */
  avoid?: readonly string[];
}

/** Headers about someone other than the patient: "联系人电话" is not the patient's phone. */
const OTHER_PERSON = [
  '联系人',
  '紧急',
  '家属',
  '监护人',
  '亲属',
  '陪护',
  '配偶',
  '父亲',
  '母亲',
  '医生',
  '医师',
  '护士',
  '操作员',
  '收费员',
  '经办人',
  '录入人',
  'contact',
  'emergency',
  'guardian',
  'relative',
  'spouse',
  'doctor',
  'operator',
];

const NAME: TargetField = {
  key: 'name',
  zh: '姓名',
  en: 'Name',
  type: 'name',
  maxLength: 100,
  synonyms: [
    '姓名',
    '患者姓名',
    '病人姓名',
    '客户姓名',
    '就诊人',
    '就诊人姓名',
    '受检者',
    '体检人',
    'name',
    'patient name',
    'full name',
    'patientname',
  ],
  avoid: OTHER_PERSON,
};

const ID_CARD: TargetField = {
  key: 'idCard',
  zh: '身份证号',
  en: 'ID card number',
  type: 'idCard',
  sensitive: 'idCard',
  maxLength: 40,
  synonyms: [
    '身份证号',
    '身份证号码',
    '身份证',
    '公民身份号码',
    '居民身份证号',
    '证件号',
    '证件号码',
    '证件编号',
    'id card',
    'id card no',
    'id number',
    'id no',
    'national id',
  ],
  avoid: OTHER_PERSON,
};

const MOBILE: TargetField = {
  key: 'mobile',
  zh: '手机号',
  en: 'Mobile',
  type: 'mobile',
  sensitive: 'phone',
  maxLength: 40,
  synonyms: [
    '手机号',
    '手机号码',
    '手机',
    '移动电话',
    '联系电话',
    '电话',
    '电话号码',
    '联系方式',
    '本人电话',
    'mobile',
    'mobile phone',
    'mobile no',
    'cell phone',
    'phone',
    'phone number',
  ],
  avoid: OTHER_PERSON,
};

const MRN: TargetField = {
  key: 'mrn',
  zh: '病历号',
  en: 'MRN',
  type: 'code',
  maxLength: 64,
  synonyms: [
    '病历号',
    '病案号',
    '门诊号',
    '住院号',
    '患者id',
    '病人id',
    '患者编号',
    '病人编号',
    '登记号',
    '门诊病历号',
    'mrn',
    'medical record number',
    'medical record no',
    'patient id',
    'patient no',
  ],
  avoid: OTHER_PERSON,
};

/** Fields that identify the patient a visit or charge belongs to. */
const PATIENT_REF: readonly TargetField[] = [MRN, ID_CARD, MOBILE, NAME];

const PATIENT_FIELDS: readonly TargetField[] = [
  { ...NAME, required: true },
  {
    key: 'gender',
    zh: '性别',
    en: 'Gender',
    type: 'gender',
    maxLength: 20,
    synonyms: ['性别', '性别代码', 'sex', 'gender'],
    avoid: OTHER_PERSON,
  },
  {
    key: 'birthDate',
    zh: '出生日期',
    en: 'Birth date',
    type: 'date',
    maxLength: 40,
    synonyms: [
      '出生日期',
      '生日',
      '出生年月日',
      '出生时间',
      'birth date',
      'date of birth',
      'birthday',
      'dob',
    ],
    avoid: OTHER_PERSON,
  },
  ID_CARD,
  MOBILE,
  {
    key: 'phone',
    zh: '固定电话',
    en: 'Landline',
    type: 'mobile',
    sensitive: 'phone',
    maxLength: 40,
    synonyms: [
      '固定电话',
      '座机',
      '家庭电话',
      '宅电',
      '固话',
      '办公电话',
      '单位电话',
      'telephone',
      'landline',
      'home phone',
      'tel',
    ],
    avoid: OTHER_PERSON,
  },
  {
    key: 'email',
    zh: '电子邮箱',
    en: 'Email',
    type: 'email',
    maxLength: 254,
    synonyms: ['电子邮箱', '邮箱', '电子邮件', 'email', 'e-mail', 'mail'],
    avoid: OTHER_PERSON,
  },
  MRN,
  {
    key: 'cardNo',
    zh: '就诊卡号',
    en: 'Card number',
    type: 'code',
    maxLength: 64,
    synonyms: [
      '就诊卡号',
      '诊疗卡号',
      '就医卡号',
      '卡号',
      '就诊卡',
      'card no',
      'card number',
      'patient card',
    ],
    avoid: ['医保', '社保', '银行', ...OTHER_PERSON],
  },
  {
    key: 'province',
    zh: '省份',
    en: 'Province',
    type: 'text',
    maxLength: 50,
    synonyms: ['省份', '省', '所在省份', '户籍省份', 'province'],
  },
  {
    key: 'city',
    zh: '城市',
    en: 'City',
    type: 'text',
    maxLength: 50,
    synonyms: ['城市', '市', '地市', '所在城市', '所在市', 'city'],
  },
  {
    key: 'district',
    zh: '区县',
    en: 'District',
    type: 'text',
    maxLength: 50,
    synonyms: ['区县', '区', '县', '县区', '所在区县', 'district', 'county'],
  },
  {
    key: 'address',
    zh: '地址',
    en: 'Address',
    type: 'text',
    maxLength: 300,
    synonyms: [
      '地址',
      '住址',
      '家庭住址',
      '现住址',
      '联系地址',
      '居住地址',
      '详细地址',
      '家庭地址',
      'address',
      'home address',
    ],
    avoid: OTHER_PERSON,
  },
  {
    key: 'postcode',
    zh: '邮编',
    en: 'Postcode',
    type: 'code',
    maxLength: 10,
    synonyms: ['邮编', '邮政编码', 'postcode', 'postal code', 'zip', 'zip code'],
  },
  {
    key: 'maritalStatus',
    zh: '婚姻状况',
    en: 'Marital status',
    type: 'maritalStatus',
    maxLength: 20,
    synonyms: ['婚姻状况', '婚姻', '婚否', '婚姻状态', 'marital status', 'marital'],
  },
];

const VISIT_NO: TargetField = {
  key: 'visitNo',
  zh: '就诊号',
  en: 'Visit number',
  type: 'code',
  maxLength: 64,
  synonyms: [
    '就诊号',
    '就诊流水号',
    '挂号流水号',
    '挂号单号',
    '门诊流水号',
    '住院流水号',
    '就诊编号',
    '就诊id',
    '挂号号',
    'visit no',
    'visit number',
    'visit id',
    'encounter id',
    'encounter no',
  ],
};

const VISIT_FIELDS: readonly TargetField[] = [
  ...PATIENT_REF,
  { ...VISIT_NO, required: true, synonyms: [...VISIT_NO.synonyms, '流水号'] },
  {
    key: 'startAt',
    zh: '就诊时间',
    en: 'Visit time',
    required: true,
    type: 'datetime',
    maxLength: 40,
    synonyms: [
      '就诊时间',
      '就诊日期',
      '挂号时间',
      '挂号日期',
      '入院时间',
      '入院日期',
      '来院时间',
      '开始时间',
      '体检日期',
      'visit date',
      'visit time',
      'start time',
      'admission date',
      'admitted at',
    ],
  },
  {
    key: 'endAt',
    zh: '结束时间',
    en: 'End time',
    type: 'datetime',
    maxLength: 40,
    synonyms: ['出院时间', '出院日期', '结束时间', '离院时间', 'discharge date', 'discharged at', 'end time'],
  },
  {
    key: 'kind',
    zh: '就诊类型',
    en: 'Visit type',
    required: true,
    type: 'encounterKind',
    maxLength: 20,
    synonyms: [
      '就诊类型',
      '就诊类别',
      '门急诊类型',
      '就诊方式',
      'visit type',
      'encounter type',
      'patient class',
      'kind',
      'type',
    ],
  },
  {
    key: 'department',
    zh: '科室',
    en: 'Department',
    type: 'text',
    maxLength: 100,
    synonyms: ['科室', '就诊科室', '挂号科室', '科室名称', '入院科室', '所在科室', 'department', 'dept'],
  },
  {
    key: 'departmentCode',
    zh: '科室编码',
    en: 'Department code',
    type: 'code',
    maxLength: 64,
    synonyms: ['科室编码', '科室代码', '科室编号', 'department code', 'dept code'],
  },
  {
    key: 'doctor',
    zh: '医生',
    en: 'Doctor',
    type: 'text',
    maxLength: 100,
    synonyms: [
      '医生',
      '医师',
      '就诊医生',
      '接诊医生',
      '主治医生',
      '医生姓名',
      '医师姓名',
      '经治医生',
      'doctor',
      'physician',
      'attending doctor',
    ],
  },
  {
    key: 'doctorCode',
    zh: '医生工号',
    en: 'Doctor code',
    type: 'code',
    maxLength: 64,
    synonyms: ['医生工号', '医师工号', '医生编码', '医生代码', '医生编号', 'doctor code', 'doctor id'],
  },
  {
    key: 'status',
    zh: '就诊状态',
    en: 'Status',
    type: 'encounterStatus',
    maxLength: 20,
    synonyms: ['就诊状态', '状态', 'visit status', 'status'],
  },
];

const CHARGE_FIELDS: readonly TargetField[] = [
  ...PATIENT_REF,
  {
    key: 'chargeNo',
    zh: '收费单号',
    en: 'Charge number',
    required: true,
    type: 'code',
    maxLength: 64,
    synonyms: [
      '收费单号',
      '收费流水号',
      '费用流水号',
      '结算单号',
      '结算号',
      '收据号',
      '票据号',
      '发票号',
      '发票号码',
      '交易流水号',
      '单据号',
      '流水号',
      'charge no',
      'charge id',
      'receipt no',
      'invoice no',
      'transaction id',
    ],
  },
  VISIT_NO,
  {
    key: 'category',
    zh: '费用类别',
    en: 'Category',
    type: 'chargeCategory',
    maxLength: 40,
    synonyms: [
      '费用类别',
      '费用类型',
      '收费类别',
      '项目类别',
      '费用分类',
      '项目类型',
      'category',
      'fee type',
      'charge type',
    ],
  },
  {
    key: 'amount',
    zh: '金额',
    en: 'Amount',
    required: true,
    type: 'amount',
    maxLength: 40,
    synonyms: [
      '实收金额',
      '金额',
      '收费金额',
      '费用金额',
      '实付金额',
      '总金额',
      '合计金额',
      '应收金额',
      '费用',
      'amount',
      'charge amount',
      'total',
      'fee',
    ],
  },
  {
    key: 'payer',
    zh: '费别',
    en: 'Payer',
    type: 'payer',
    maxLength: 40,
    synonyms: [
      '费别',
      '付费类型',
      '医保类型',
      '结算类别',
      '支付类别',
      '付费方',
      'payer',
      'payer type',
      'insurance type',
    ],
  },
  {
    key: 'paymentMethod',
    zh: '支付方式',
    en: 'Payment method',
    type: 'paymentMethod',
    maxLength: 40,
    synonyms: [
      '支付方式',
      '付款方式',
      '缴费方式',
      '收费方式',
      '支付渠道',
      'payment method',
      'pay method',
      'payment',
    ],
  },
  {
    key: 'insurer',
    zh: '保险机构',
    en: 'Insurer',
    type: 'text',
    maxLength: 100,
    synonyms: ['保险公司', '保险机构', '承保公司', '医保机构', 'insurer', 'insurance company'],
  },
  {
    key: 'chargedAt',
    zh: '收费时间',
    en: 'Charged at',
    required: true,
    type: 'datetime',
    maxLength: 40,
    synonyms: [
      '收费时间',
      '收费日期',
      '结算时间',
      '结算日期',
      '缴费时间',
      '缴费日期',
      '交易时间',
      '费用日期',
      'charged at',
      'charge date',
      'charge time',
      'payment time',
    ],
  },
];

export const TARGET_FIELDS: Readonly<Record<TabularKind, readonly TargetField[]>> = {
  patients: PATIENT_FIELDS,
  visits: VISIT_FIELDS,
  charges: CHARGE_FIELDS,
};

/** Visits and charges name their patient by one of these (at least one must be given), best first. */
export const PATIENT_REF_KEYS = ['mrn', 'idCard', 'mobile'] as const;

export function isTabularKind(value: unknown): value is TabularKind {
  return typeof value === 'string' && (TABULAR_KINDS as readonly string[]).includes(value);
}

export function targetField(kind: TabularKind, key: string): TargetField | undefined {
  return TARGET_FIELDS[kind].find((f) => f.key === key);
}
