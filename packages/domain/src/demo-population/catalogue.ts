/**
 * The demo hospital's clinical vocabulary: departments, ICD-10 diagnoses (Chinese names as in the
 * national clinical edition), laboratory tests with the reference intervals Chinese laboratories print
 * (WS/T 404 where it sets them), imaging and examination reports, drugs (ATC codes), procedures
 * (ICD-9-CM-3) and prices in fen that follow public price lists in magnitude.
 */

export interface Dx {
  code: string;
  name: string;
}

export type Sex = 'male' | 'female';

export interface DepartmentDef {
  code: string;
  name: string;
  nameEn: string;
  kind: 'clinical' | 'medical_technology';
  specialties: readonly string[];
  /** Number of doctors in the demo roster (0 for medical technology). */
  doctors: number;
  /** Diagnoses of walk-in (non-chronic) visits, with weights. */
  acute: readonly (readonly [Dx, number])[];
  /** Share of all walk-in visits that go to this department. */
  visitWeight: number;
  /** Who may come: children-only, women-only, adults-only departments. */
  audience?: 'children' | 'women' | 'adults';
}

const dx = (code: string, name: string): Dx => ({ code, name });

export const DX = {
  hypertension: dx('I10', '原发性高血压'),
  diabetes: dx('E11.9', '2型糖尿病'),
  hyperlipidaemia: dx('E78.5', '高脂血症'),
  chd: dx('I25.1', '冠状动脉粥样硬化性心脏病'),
  copd: dx('J44.9', '慢性阻塞性肺疾病'),
  ckd: dx('N18.9', '慢性肾脏病'),
  stroke: dx('I69.3', '脑梗死后遗症'),
  asthma: dx('J45.9', '支气管哮喘'),
  hypothyroid: dx('E03.9', '甲状腺功能减退症'),
  osteoporosis: dx('M81.9', '骨质疏松'),
  bph: dx('N40', '前列腺增生'),
  lungCancer: dx('C34.9', '肺恶性肿瘤'),
  breastCancer: dx('C50.9', '乳腺恶性肿瘤'),
  gastricCancer: dx('C16.9', '胃恶性肿瘤'),
  checkup: dx('Z00.0', '健康体检'),
  pregnancy: dx('Z34.9', '正常妊娠监督'),
  vaginalDelivery: dx('O80', '单胎顺产'),
  caesarean: dx('O82', '经剖宫产术的单胎分娩'),
};

export const DEPARTMENTS: readonly DepartmentDef[] = [
  {
    code: 'CARD',
    name: '心血管内科',
    nameEn: 'Cardiology',
    kind: 'clinical',
    specialties: ['高血压', '冠心病', '心律失常', '心力衰竭'],
    doctors: 6,
    visitWeight: 6,
    audience: 'adults',
    acute: [
      [dx('R00.2', '心悸'), 3],
      [dx('R07.4', '胸痛'), 3],
      [dx('I48', '心房颤动'), 1],
      [DX.hypertension, 3],
    ],
  },
  {
    code: 'RESP',
    name: '呼吸与危重症医学科',
    nameEn: 'Respiratory and Critical Care Medicine',
    kind: 'clinical',
    specialties: ['慢阻肺', '哮喘', '肺部感染', '肺结节'],
    doctors: 5,
    visitWeight: 8,
    audience: 'adults',
    acute: [
      [dx('J06.9', '急性上呼吸道感染'), 5],
      [dx('J20.9', '急性支气管炎'), 4],
      [dx('J18.9', '肺炎'), 2],
      [dx('R05', '咳嗽'), 2],
      [dx('R91', '肺结节'), 1],
    ],
  },
  {
    code: 'GAST',
    name: '消化内科',
    nameEn: 'Gastroenterology',
    kind: 'clinical',
    specialties: ['胃肠疾病', '肝病', '消化内镜'],
    doctors: 5,
    visitWeight: 7,
    audience: 'adults',
    acute: [
      [dx('K29.7', '胃炎'), 5],
      [dx('K21.9', '胃食管反流病'), 2],
      [dx('K58.9', '肠易激综合征'), 1],
      [dx('K76.0', '脂肪肝'), 2],
      [dx('K25.9', '胃溃疡'), 1],
      [dx('A09', '感染性胃肠炎'), 2],
    ],
  },
  {
    code: 'ENDO',
    name: '内分泌科',
    nameEn: 'Endocrinology',
    kind: 'clinical',
    specialties: ['糖尿病', '甲状腺疾病', '骨质疏松', '肥胖'],
    doctors: 5,
    visitWeight: 4,
    audience: 'adults',
    acute: [
      [dx('E04.1', '甲状腺结节'), 3],
      [dx('E05.9', '甲状腺功能亢进症'), 1],
      [dx('E66.9', '肥胖症'), 1],
      [dx('R73.0', '糖耐量异常'), 2],
    ],
  },
  {
    code: 'NEPH',
    name: '肾内科',
    nameEn: 'Nephrology',
    kind: 'clinical',
    specialties: ['慢性肾脏病', '肾小球肾炎', '血液透析'],
    doctors: 4,
    visitWeight: 2,
    audience: 'adults',
    acute: [
      [dx('N39.0', '尿路感染'), 3],
      [dx('N20.0', '肾结石'), 2],
      [dx('R80', '蛋白尿'), 1],
    ],
  },
  {
    code: 'NEUR',
    name: '神经内科',
    nameEn: 'Neurology',
    kind: 'clinical',
    specialties: ['脑血管病', '头痛', '睡眠障碍', '帕金森病'],
    doctors: 5,
    visitWeight: 5,
    audience: 'adults',
    acute: [
      [dx('R51', '头痛'), 3],
      [dx('R42', '头晕'), 3],
      [dx('G47.0', '失眠'), 3],
      [dx('G43.9', '偏头痛'), 2],
    ],
  },
  {
    code: 'GSUR',
    name: '普通外科',
    nameEn: 'General Surgery',
    kind: 'clinical',
    specialties: ['肝胆外科', '胃肠外科', '甲状腺乳腺外科', '疝外科'],
    doctors: 6,
    visitWeight: 5,
    acute: [
      [dx('K80.2', '胆囊结石'), 3],
      [dx('K40.9', '腹股沟疝'), 2],
      [dx('K35.8', '急性阑尾炎'), 1],
      [dx('L02.9', '皮肤脓肿'), 2],
      [dx('N60.1', '乳腺增生'), 2],
    ],
  },
  {
    code: 'ORTH',
    name: '骨科',
    nameEn: 'Orthopaedics',
    kind: 'clinical',
    specialties: ['关节外科', '脊柱外科', '创伤骨科', '运动医学'],
    doctors: 6,
    visitWeight: 6,
    acute: [
      [dx('M54.5', '腰痛'), 4],
      [dx('M51.2', '腰椎间盘突出'), 3],
      [dx('M17.9', '膝关节骨关节炎'), 3],
      [dx('M75.0', '粘连性肩关节囊炎'), 2],
      [dx('S93.4', '踝关节扭伤'), 2],
      [dx('S52.5', '桡骨远端骨折'), 1],
    ],
  },
  {
    code: 'UROL',
    name: '泌尿外科',
    nameEn: 'Urology',
    kind: 'clinical',
    specialties: ['泌尿系结石', '前列腺疾病', '泌尿系肿瘤'],
    doctors: 4,
    visitWeight: 3,
    audience: 'adults',
    acute: [
      [dx('N20.0', '肾结石'), 3],
      [dx('N39.0', '尿路感染'), 2],
      [DX.bph, 2],
    ],
  },
  {
    code: 'OBGY',
    name: '妇产科',
    nameEn: 'Obstetrics and Gynaecology',
    kind: 'clinical',
    specialties: ['产科', '妇科炎症', '妇科肿瘤', '生殖内分泌'],
    doctors: 6,
    visitWeight: 6,
    audience: 'women',
    acute: [
      [dx('N76.0', '急性阴道炎'), 4],
      [dx('N92.0', '月经过多'), 2],
      [dx('D25.9', '子宫平滑肌瘤'), 2],
      [dx('N83.2', '卵巢囊肿'), 1],
      [dx('N73.9', '盆腔炎'), 1],
    ],
  },
  {
    code: 'PEDS',
    name: '儿科',
    nameEn: 'Paediatrics',
    kind: 'clinical',
    specialties: ['小儿呼吸', '小儿消化', '儿童保健', '新生儿'],
    doctors: 6,
    visitWeight: 8,
    audience: 'children',
    acute: [
      [dx('J06.9', '急性上呼吸道感染'), 6],
      [dx('J03.9', '急性扁桃体炎'), 2],
      [dx('J18.9', '肺炎'), 2],
      [dx('A09', '感染性腹泻'), 2],
      [dx('B08.4', '手足口病'), 1],
      [dx('R50.9', '发热'), 3],
    ],
  },
  {
    code: 'OPHT',
    name: '眼科',
    nameEn: 'Ophthalmology',
    kind: 'clinical',
    specialties: ['白内障', '青光眼', '屈光', '眼底病'],
    doctors: 5,
    visitWeight: 4,
    acute: [
      [dx('H52.1', '近视'), 4],
      [dx('H10.9', '结膜炎'), 2],
      [dx('H04.1', '干眼症'), 2],
      [dx('H25.9', '老年性白内障'), 2],
    ],
  },
  {
    code: 'ENT',
    name: '耳鼻咽喉科',
    nameEn: 'Otorhinolaryngology',
    kind: 'clinical',
    specialties: ['鼻科', '咽喉', '耳科'],
    doctors: 4,
    visitWeight: 4,
    acute: [
      [dx('J30.4', '过敏性鼻炎'), 4],
      [dx('J02.9', '急性咽炎'), 3],
      [dx('J32.9', '慢性鼻窦炎'), 2],
      [dx('H66.9', '中耳炎'), 1],
    ],
  },
  {
    code: 'STOM',
    name: '口腔科',
    nameEn: 'Stomatology',
    kind: 'clinical',
    specialties: ['牙体牙髓', '牙周', '口腔修复', '正畸'],
    doctors: 5,
    visitWeight: 5,
    acute: [
      [dx('K02.9', '龋病'), 4],
      [dx('K04.0', '牙髓炎'), 2],
      [dx('K05.1', '慢性牙龈炎'), 2],
      [dx('K08.1', '牙齿缺失'), 1],
    ],
  },
  {
    code: 'DERM',
    name: '皮肤科',
    nameEn: 'Dermatology',
    kind: 'clinical',
    specialties: ['湿疹皮炎', '痤疮', '银屑病', '皮肤美容'],
    doctors: 4,
    visitWeight: 4,
    acute: [
      [dx('L30.9', '湿疹'), 4],
      [dx('L70.0', '痤疮'), 2],
      [dx('L50.9', '荨麻疹'), 2],
      [dx('B35.4', '体癣'), 1],
    ],
  },
  {
    code: 'TCM',
    name: '中医科',
    nameEn: 'Traditional Chinese Medicine',
    kind: 'clinical',
    specialties: ['中医内科', '针灸', '推拿', '膏方调理'],
    doctors: 4,
    visitWeight: 3,
    acute: [
      [dx('G47.0', '失眠'), 2],
      [dx('K30', '功能性消化不良'), 2],
      [dx('M54.5', '腰痛'), 2],
      [dx('R53', '乏力'), 1],
    ],
  },
  {
    code: 'ONCO',
    name: '肿瘤科',
    nameEn: 'Oncology',
    kind: 'clinical',
    specialties: ['肺癌', '乳腺癌', '消化道肿瘤', '化疗'],
    doctors: 5,
    visitWeight: 1,
    audience: 'adults',
    acute: [
      [dx('R91', '肺结节'), 2],
      [dx('D24', '乳腺良性肿瘤'), 1],
    ],
  },
  {
    code: 'EMER',
    name: '急诊科',
    nameEn: 'Emergency Medicine',
    kind: 'clinical',
    specialties: ['急诊内科', '急诊外科', '创伤'],
    doctors: 6,
    visitWeight: 0,
    acute: [
      [dx('R10.4', '腹痛'), 4],
      [dx('R50.9', '发热'), 4],
      [dx('S61.9', '手部开放性伤口'), 2],
      [dx('S06.0', '脑震荡'), 1],
      [dx('T78.4', '过敏反应'), 1],
      [dx('I21.9', '急性心肌梗死'), 0.4],
      [dx('S93.4', '踝关节扭伤'), 2],
      [dx('N23', '肾绞痛'), 2],
    ],
  },
  {
    code: 'GP',
    name: '全科医学科',
    nameEn: 'General Practice',
    kind: 'clinical',
    specialties: ['慢病管理', '常见病', '家庭医生签约'],
    doctors: 4,
    visitWeight: 4,
    audience: 'adults',
    acute: [
      [dx('J06.9', '急性上呼吸道感染'), 4],
      [dx('R50.9', '发热'), 2],
      [dx('R42', '头晕'), 1],
      [dx('K29.7', '胃炎'), 1],
    ],
  },
  {
    code: 'HMC',
    name: '健康管理中心',
    nameEn: 'Health Management Centre',
    kind: 'clinical',
    specialties: ['健康体检', '健康评估', '慢病风险筛查'],
    doctors: 5,
    visitWeight: 0,
    acute: [[DX.checkup, 1]],
  },
  {
    code: 'LAB',
    name: '检验科',
    nameEn: 'Clinical Laboratory',
    kind: 'medical_technology',
    specialties: [],
    doctors: 0,
    visitWeight: 0,
    acute: [],
  },
  {
    code: 'RAD',
    name: '放射科',
    nameEn: 'Radiology',
    kind: 'medical_technology',
    specialties: [],
    doctors: 0,
    visitWeight: 0,
    acute: [],
  },
  {
    code: 'US',
    name: '超声科',
    nameEn: 'Ultrasound',
    kind: 'medical_technology',
    specialties: [],
    doctors: 0,
    visitWeight: 0,
    acute: [],
  },
];

/** Titles of a department's roster in order, and the registration + consultation fee per visit (fen). */
export const DOCTOR_TITLES: readonly { title: string; feeFen: number }[] = [
  { title: '主任医师', feeFen: 5000 },
  { title: '副主任医师', feeFen: 3500 },
  { title: '主治医师', feeFen: 2500 },
  { title: '主治医师', feeFen: 2500 },
  { title: '住院医师', feeFen: 1500 },
  { title: '主治医师', feeFen: 2500 },
];
export const HEALTH_MANAGER_TITLE = { title: '健康管理师', feeFen: 0 };

// ---------------------------------------------------------------------------------------------------
// Laboratory

export interface LabTest {
  code: string;
  name: string;
  unit: string;
  /** Reference interval; [male, female] where it differs by sex. */
  low: number | readonly [number, number];
  high: number | readonly [number, number];
  decimals: number;
  /** Healthy population: mean and standard deviation (sex-specific when the interval is). */
  mean: number | readonly [number, number];
  sd: number | readonly [number, number];
  /** Log-normal instead of normal (skewed analytes such as CRP and TG). */
  skewed?: boolean;
  priceFen: number;
}

export const LABS: Readonly<Record<string, LabTest>> = {
  GLU: {
    code: 'GLU',
    name: '空腹血糖',
    unit: 'mmol/L',
    low: 3.9,
    high: 6.1,
    decimals: 2,
    mean: 5.0,
    sd: 0.52,
    priceFen: 500,
  },
  HBA1C: {
    code: 'HbA1c',
    name: '糖化血红蛋白',
    unit: '%',
    low: 4.0,
    high: 6.0,
    decimals: 1,
    mean: 5.3,
    sd: 0.35,
    priceFen: 6000,
  },
  ALT: {
    code: 'ALT',
    name: '丙氨酸氨基转移酶',
    unit: 'U/L',
    low: [9, 7],
    high: [50, 40],
    decimals: 0,
    mean: [24, 17],
    sd: [9, 6.5],
    skewed: true,
    priceFen: 500,
  },
  AST: {
    code: 'AST',
    name: '天门冬氨酸氨基转移酶',
    unit: 'U/L',
    low: [15, 13],
    high: [40, 35],
    decimals: 0,
    mean: [24, 21],
    sd: [5.5, 5],
    priceFen: 500,
  },
  CREA: {
    code: 'CREA',
    name: '肌酐',
    unit: 'μmol/L',
    low: [57, 41],
    high: [111, 81],
    decimals: 0,
    mean: [82, 60],
    sd: [12, 9],
    priceFen: 800,
  },
  UREA: {
    code: 'UREA',
    name: '尿素',
    unit: 'mmol/L',
    low: 3.1,
    high: 8.0,
    decimals: 2,
    mean: 5.3,
    sd: 1.1,
    priceFen: 500,
  },
  UA: {
    code: 'UA',
    name: '尿酸',
    unit: 'μmol/L',
    low: [208, 155],
    high: [428, 357],
    decimals: 0,
    mean: [330, 250],
    sd: [50, 45],
    priceFen: 600,
  },
  TC: {
    code: 'TC',
    name: '总胆固醇',
    unit: 'mmol/L',
    low: 2.8,
    high: 5.2,
    decimals: 2,
    mean: 4.4,
    sd: 0.55,
    priceFen: 600,
  },
  TG: {
    code: 'TG',
    name: '甘油三酯',
    unit: 'mmol/L',
    low: 0.45,
    high: 1.7,
    decimals: 2,
    mean: 1.05,
    sd: 0.3,
    skewed: true,
    priceFen: 600,
  },
  LDL: {
    code: 'LDL-C',
    name: '低密度脂蛋白胆固醇',
    unit: 'mmol/L',
    low: 1.3,
    high: 3.4,
    decimals: 2,
    mean: 2.5,
    sd: 0.42,
    priceFen: 1000,
  },
  HDL: {
    code: 'HDL-C',
    name: '高密度脂蛋白胆固醇',
    unit: 'mmol/L',
    low: 1.04,
    high: 2.0,
    decimals: 2,
    mean: 1.42,
    sd: 0.2,
    priceFen: 1000,
  },
  HGB: {
    code: 'HGB',
    name: '血红蛋白',
    unit: 'g/L',
    low: [130, 115],
    high: [175, 150],
    decimals: 0,
    mean: [150, 132],
    sd: [9.5, 8],
    priceFen: 700,
  },
  WBC: {
    code: 'WBC',
    name: '白细胞计数',
    unit: '×10^9/L',
    low: 3.5,
    high: 9.5,
    decimals: 2,
    mean: 6.2,
    sd: 1.3,
    priceFen: 700,
  },
  PLT: {
    code: 'PLT',
    name: '血小板计数',
    unit: '×10^9/L',
    low: 125,
    high: 350,
    decimals: 0,
    mean: 230,
    sd: 48,
    priceFen: 600,
  },
  K: {
    code: 'K',
    name: '钾',
    unit: 'mmol/L',
    low: 3.5,
    high: 5.3,
    decimals: 2,
    mean: 4.2,
    sd: 0.38,
    priceFen: 400,
  },
  NA: {
    code: 'Na',
    name: '钠',
    unit: 'mmol/L',
    low: 137,
    high: 147,
    decimals: 1,
    mean: 141.5,
    sd: 2.2,
    priceFen: 400,
  },
  CRP: {
    code: 'CRP',
    name: 'C反应蛋白',
    unit: 'mg/L',
    low: 0,
    high: 10,
    decimals: 1,
    mean: 1.6,
    sd: 0.9,
    skewed: true,
    priceFen: 3000,
  },
  TSH: {
    code: 'TSH',
    name: '促甲状腺激素',
    unit: 'mIU/L',
    low: 0.27,
    high: 4.2,
    decimals: 2,
    mean: 1.8,
    sd: 0.75,
    priceFen: 4000,
  },
};

const L = LABS;
export const PANELS = {
  bloodRoutine: [L.WBC!, L.HGB!, L.PLT!],
  infection: [L.WBC!, L.HGB!, L.PLT!, L.CRP!],
  liver: [L.ALT!, L.AST!],
  kidney: [L.CREA!, L.UREA!, L.UA!],
  lipids: [L.TC!, L.TG!, L.LDL!, L.HDL!],
  electrolytes: [L.K!, L.NA!],
  checkupBasic: [L.GLU!, L.TC!, L.TG!, L.ALT!, L.CREA!, L.WBC!, L.HGB!],
  checkupFull: [L.GLU!, L.TC!, L.TG!, L.LDL!, L.HDL!, L.ALT!, L.AST!, L.CREA!, L.UA!, L.WBC!, L.HGB!, L.PLT!],
  admission: [L.WBC!, L.HGB!, L.PLT!, L.CRP!, L.ALT!, L.CREA!, L.K!, L.NA!, L.GLU!],
};

// ---------------------------------------------------------------------------------------------------
// Imaging and examinations

export interface ReportDef {
  code: string;
  name: string;
  kind: 'imaging' | 'exam';
  normal: string;
  findings: readonly string[];
  /** Share of reports with a finding, in the general population. */
  findingRate: number;
  priceFen: number;
}

const report = (
  code: string,
  name: string,
  kind: 'imaging' | 'exam',
  priceFen: number,
  findingRate: number,
  normal: string,
  findings: string[],
): ReportDef => ({ code, name, kind, priceFen, findingRate, normal, findings });

export const REPORTS = {
  chestXray: report(
    'DR-CHEST',
    '胸部正位片',
    'imaging',
    8000,
    0.15,
    '双肺纹理清晰，未见明显实质性病变；心影大小形态正常；双膈面光整，肋膈角锐利。',
    [
      '双肺纹理增多增粗，考虑支气管炎改变，请结合临床。',
      '右下肺野斑片状模糊影，考虑肺炎，建议治疗后复查。',
      '主动脉迂曲，弓部钙化。',
    ],
  ),
  chestCt: report(
    'CT-CHEST',
    '胸部CT平扫',
    'imaging',
    25000,
    0.3,
    '双肺未见明显异常，纵隔未见肿大淋巴结，双侧胸腔未见积液。',
    [
      '右肺上叶磨玻璃结节，直径约5mm，建议12个月后复查。',
      '左肺下叶实性结节，直径约7mm，建议3-6个月后复查。',
      '双肺散在慢性炎症灶及纤维灶。',
      '双肺肺气肿改变。',
    ],
  ),
  headCt: report(
    'CT-HEAD',
    '头颅CT平扫',
    'imaging',
    25000,
    0.25,
    '脑实质未见明显异常密度影，脑室系统未见扩大，中线结构居中。',
    ['双侧基底节区腔隙性脑梗死。', '老年性脑改变，脑白质脱髓鞘改变。'],
  ),
  abdomenUs: report(
    'US-ABD',
    '腹部彩超（肝胆胰脾）',
    'imaging',
    15000,
    0.32,
    '肝、胆、胰、脾未见明显异常。',
    ['脂肪肝（轻度）。', '脂肪肝（中度）。', '胆囊结石。', '肝囊肿。', '胆囊息肉样病变。'],
  ),
  thyroidUs: report(
    'US-THY',
    '甲状腺彩超',
    'imaging',
    12000,
    0.22,
    '甲状腺大小形态正常，实质回声均匀，未见明显占位。',
    ['甲状腺右叶结节（TI-RADS 3类），建议定期复查。', '甲状腺左叶囊实性结节（TI-RADS 3类）。'],
  ),
  heartUs: report('US-HEART', '心脏彩超', 'imaging', 25000, 0.3, '心脏结构及功能未见明显异常，LVEF 65%。', [
    '左室舒张功能减低，主动脉瓣轻度反流。',
    '左心房增大，二尖瓣轻度反流，LVEF 52%。',
    '室间隔增厚，考虑高血压性心脏病改变。',
  ]),
  carotidUs: report(
    'US-CAROTID',
    '颈动脉彩超',
    'imaging',
    15000,
    0.4,
    '双侧颈动脉内中膜未见增厚，未见斑块。',
    ['双侧颈动脉内中膜增厚伴多发斑块形成。', '右侧颈动脉分叉处混合回声斑块。'],
  ),
  obstetricUs: report(
    'US-OB',
    '产科彩超',
    'imaging',
    20000,
    0.05,
    '宫内单活胎，胎儿发育与孕周相符，羊水量正常。',
    ['宫内单活胎，脐带绕颈一周。'],
  ),
  lumbarMri: report(
    'MR-LSPINE',
    '腰椎MRI平扫',
    'imaging',
    60000,
    0.7,
    '腰椎序列及生理曲度正常，椎间盘未见明显突出。',
    ['L4/5椎间盘突出，硬膜囊受压。', 'L5/S1椎间盘膨出，腰椎退行性变。'],
  ),
  kneeXray: report(
    'DR-KNEE',
    '膝关节正侧位片',
    'imaging',
    9000,
    0.6,
    '膝关节诸骨未见明显骨折及脱位，关节间隙正常。',
    ['右膝关节退行性变，关节间隙变窄。', '双膝关节骨质增生。'],
  ),
  ecg: report('ECG', '十二导联心电图', 'exam', 2500, 0.18, '窦性心律，正常心电图。', [
    '窦性心律，ST-T改变。',
    '窦性心动过缓。',
    '心房颤动。',
    '完全性右束支传导阻滞。',
  ]),
};

// ---------------------------------------------------------------------------------------------------
// Drugs

export interface Drug {
  code: string | null;
  name: string;
  dose: string;
  frequency: string;
  route: string;
  /** Cost of one day's dose, in fen (after national volume-based procurement where it applies). */
  dailyFen: number;
}

const drug = (
  code: string | null,
  name: string,
  dose: string,
  frequency: string,
  route: string,
  dailyFen: number,
): Drug => ({
  code,
  name,
  dose,
  frequency,
  route,
  dailyFen,
});

export const DRUGS = {
  amlodipine: drug('C08CA01', '苯磺酸氨氯地平片', '5mg', 'qd', '口服', 70),
  nifedipine: drug('C08CA05', '硝苯地平控释片', '30mg', 'qd', '口服', 150),
  valsartan: drug('C09CA03', '缬沙坦胶囊', '80mg', 'qd', '口服', 130),
  irbesartan: drug('C09CA04', '厄贝沙坦片', '150mg', 'qd', '口服', 100),
  metoprolol: drug('C07AB02', '琥珀酸美托洛尔缓释片', '47.5mg', 'qd', '口服', 100),
  metformin: drug('A10BA02', '盐酸二甲双胍片', '0.5g', 'bid', '口服', 60),
  acarbose: drug('A10BF01', '阿卡波糖片', '50mg', 'tid', '口服', 180),
  glimepiride: drug('A10BB12', '格列美脲片', '2mg', 'qd', '口服', 70),
  dapagliflozin: drug('A10BK01', '达格列净片', '10mg', 'qd', '口服', 200),
  insulinAspart: drug('A10AB05', '门冬胰岛素注射液', '8U', 'tid', '皮下注射', 430),
  atorvastatin: drug('C10AA05', '阿托伐他汀钙片', '20mg', 'qn', '口服', 100),
  rosuvastatin: drug('C10AA07', '瑞舒伐他汀钙片', '10mg', 'qn', '口服', 130),
  aspirin: drug('B01AC06', '阿司匹林肠溶片', '100mg', 'qd', '口服', 30),
  clopidogrel: drug('B01AC04', '硫酸氢氯吡格雷片', '75mg', 'qd', '口服', 150),
  isosorbide: drug('C01DA14', '单硝酸异山梨酯缓释片', '40mg', 'qd', '口服', 100),
  tiotropium: drug('R03BB04', '噻托溴铵粉吸入剂', '18μg', 'qd', '吸入', 430),
  budesonideFormoterol: drug('R03AK07', '布地奈德福莫特罗吸入粉雾剂', '160/4.5μg', 'bid', '吸入', 480),
  calcitriol: drug('A11CC04', '骨化三醇软胶囊', '0.25μg', 'qd', '口服', 130),
  sodiumBicarbonate: drug('B05XA02', '碳酸氢钠片', '1g', 'tid', '口服', 30),
  calciumD3: drug('A12AX', '碳酸钙D3片', '600mg', 'qd', '口服', 60),
  alendronate: drug('M05BA04', '阿仑膦酸钠片', '70mg', 'qw', '口服', 80),
  levothyroxine: drug('H03AA01', '左甲状腺素钠片', '50μg', 'qd', '口服', 40),
  tamsulosin: drug('G04CA02', '盐酸坦索罗辛缓释胶囊', '0.2mg', 'qn', '口服', 140),
  osimertinib: drug('L01EB04', '甲磺酸奥希替尼片', '80mg', 'qd', '口服', 17000),
  capecitabine: drug('L01BC06', '卡培他滨片', '1.5g', 'bid', '口服', 3000),
  letrozole: drug('L02BG04', '来曲唑片', '2.5mg', 'qd', '口服', 300),
  amoxicillin: drug('J01CA04', '阿莫西林胶囊', '0.5g', 'tid', '口服', 1120),
  cefaclor: drug('J01DC04', '头孢克洛缓释片', '0.375g', 'bid', '口服', 4000),
  azithromycin: drug('J01FA10', '阿奇霉素片', '0.5g', 'qd', '口服', 3000),
  levofloxacin: drug('J01MA12', '左氧氟沙星片', '0.5g', 'qd', '口服', 2250),
  ibuprofen: drug('M01AE01', '布洛芬缓释胶囊', '0.3g', 'bid', '口服', 750),
  paracetamol: drug('N02BE01', '对乙酰氨基酚片', '0.5g', 'prn', '口服', 380),
  omeprazole: drug('A02BC01', '奥美拉唑肠溶胶囊', '20mg', 'bid', '口服', 1250),
  smectite: drug('A07BC05', '蒙脱石散', '3g', 'tid', '口服', 1500),
  loratadine: drug('R06AX13', '氯雷他定片', '10mg', 'qd', '口服', 1000),
  lianhua: drug(null, '连花清瘟胶囊', '4粒', 'tid', '口服', 4500),
  dextromethorphan: drug('R05DA09', '氢溴酸右美沙芬片', '15mg', 'tid', '口服', 1000),
  estazolam: drug('N05CD04', '艾司唑仑片', '1mg', 'qn', '口服', 380),
  diclofenacGel: drug('M02AA15', '双氯芬酸二乙胺乳胶剂', '适量', 'tid', '外用', 3750),
  mupirocin: drug('D06AX09', '莫匹罗星软膏', '适量', 'tid', '外用', 3000),
  tobramycinEye: drug('S01AA12', '妥布霉素滴眼液', '1滴', 'qid', '滴眼', 2250),
  mometasoneNasal: drug('R01AD09', '糠酸莫米松鼻喷雾剂', '2喷', 'qd', '鼻喷', 3500),
  folicAcid: drug('B03BB01', '叶酸片', '0.4mg', 'qd', '口服', 40),
};

/** Drugs of a walk-in visit, by department. */
export const ACUTE_DRUGS: Readonly<Record<string, readonly Drug[]>> = {
  RESP: [DRUGS.amoxicillin, DRUGS.azithromycin, DRUGS.dextromethorphan, DRUGS.lianhua, DRUGS.levofloxacin],
  PEDS: [DRUGS.amoxicillin, DRUGS.paracetamol, DRUGS.smectite, DRUGS.cefaclor],
  GP: [DRUGS.lianhua, DRUGS.paracetamol, DRUGS.amoxicillin, DRUGS.omeprazole],
  GAST: [DRUGS.omeprazole, DRUGS.smectite],
  EMER: [DRUGS.ibuprofen, DRUGS.levofloxacin, DRUGS.loratadine, DRUGS.omeprazole],
  ORTH: [DRUGS.ibuprofen, DRUGS.diclofenacGel],
  NEUR: [DRUGS.estazolam, DRUGS.ibuprofen],
  ENT: [DRUGS.mometasoneNasal, DRUGS.loratadine, DRUGS.cefaclor],
  DERM: [DRUGS.loratadine, DRUGS.mupirocin],
  OPHT: [DRUGS.tobramycinEye],
  UROL: [DRUGS.levofloxacin],
  NEPH: [DRUGS.levofloxacin],
  OBGY: [DRUGS.folicAcid],
  GSUR: [DRUGS.cefaclor, DRUGS.mupirocin],
  TCM: [DRUGS.estazolam],
  STOM: [DRUGS.amoxicillin, DRUGS.ibuprofen],
};

// ---------------------------------------------------------------------------------------------------
// Chronic conditions

export interface ChronicCondition {
  dx: Dx;
  /** Patient tag (标签) this condition gives. */
  tag: string;
  department: string;
  weight: number;
  minAge: number;
  sex?: Sex;
  /**
   * Laboratory tests that follow the condition: the patients' typical level as a shift from the healthy
   * mean and a spread, both in healthy standard deviations (so sex-specific intervals stay meaningful).
   */
  labs: readonly { test: LabTest; shift: number; spread: number }[];
  /** Alternative regimens; one is drawn per patient. */
  regimens: readonly (readonly Drug[])[];
  reports: readonly ReportDef[];
  /** Cancer: hospital stays for chemotherapy and expensive drugs. */
  oncology?: boolean;
}

const D = DRUGS;
export const CHRONIC_CONDITIONS: readonly ChronicCondition[] = [
  {
    dx: DX.hypertension,
    tag: '高血压',
    department: 'CARD',
    weight: 45,
    minAge: 30,
    labs: [
      { test: L.K!, shift: -0.2, spread: 1.1 },
      { test: L.CREA!, shift: 0.5, spread: 1.2 },
    ],
    regimens: [
      [D.amlodipine],
      [D.valsartan],
      [D.amlodipine, D.irbesartan],
      [D.nifedipine],
      [D.amlodipine, D.metoprolol],
    ],
    reports: [REPORTS.ecg, REPORTS.heartUs],
  },
  {
    dx: DX.diabetes,
    tag: '糖尿病',
    department: 'ENDO',
    weight: 30,
    minAge: 30,
    labs: [
      { test: L.GLU!, shift: 3.2, spread: 2.2 },
      { test: L.HBA1C!, shift: 4.3, spread: 2.4 },
      { test: L.CREA!, shift: 0.3, spread: 1.2 },
    ],
    regimens: [
      [D.metformin],
      [D.metformin, D.acarbose],
      [D.metformin, D.glimepiride],
      [D.metformin, D.dapagliflozin],
      [D.insulinAspart, D.metformin],
    ],
    reports: [REPORTS.carotidUs],
  },
  {
    dx: DX.hyperlipidaemia,
    tag: '高血脂',
    department: 'ENDO',
    weight: 16,
    minAge: 30,
    labs: [
      { test: L.TC!, shift: 1.0, spread: 1.2 },
      { test: L.LDL!, shift: 1.0, spread: 1.2 },
      { test: L.TG!, shift: 1.5, spread: 1.4 },
    ],
    regimens: [[D.atorvastatin], [D.rosuvastatin]],
    reports: [REPORTS.carotidUs],
  },
  {
    dx: DX.chd,
    tag: '冠心病',
    department: 'CARD',
    weight: 12,
    minAge: 50,
    labs: [
      { test: L.LDL!, shift: 0.3, spread: 1.1 },
      { test: L.TC!, shift: 0.3, spread: 1.1 },
    ],
    regimens: [
      [D.aspirin, D.atorvastatin],
      [D.aspirin, D.atorvastatin, D.isosorbide],
      [D.clopidogrel, D.rosuvastatin, D.metoprolol],
    ],
    reports: [REPORTS.ecg, REPORTS.heartUs],
  },
  {
    dx: DX.copd,
    tag: '慢阻肺',
    department: 'RESP',
    weight: 7,
    minAge: 50,
    labs: [{ test: L.WBC!, shift: 0.8, spread: 1.2 }],
    regimens: [[D.tiotropium], [D.budesonideFormoterol], [D.tiotropium, D.budesonideFormoterol]],
    reports: [REPORTS.chestCt, REPORTS.chestXray],
  },
  {
    dx: DX.ckd,
    tag: '慢性肾病',
    department: 'NEPH',
    weight: 5,
    minAge: 35,
    labs: [
      { test: L.CREA!, shift: 5, spread: 3 },
      { test: L.UREA!, shift: 3, spread: 1.5 },
      { test: L.K!, shift: 1, spread: 1.2 },
      { test: L.HGB!, shift: -2, spread: 1.3 },
    ],
    regimens: [[D.calcitriol], [D.sodiumBicarbonate, D.calcitriol]],
    reports: [REPORTS.abdomenUs],
  },
  {
    dx: DX.stroke,
    tag: '脑卒中',
    department: 'NEUR',
    weight: 5,
    minAge: 55,
    labs: [{ test: L.LDL!, shift: 0.4, spread: 1.1 }],
    regimens: [
      [D.aspirin, D.atorvastatin],
      [D.clopidogrel, D.atorvastatin],
    ],
    reports: [REPORTS.headCt, REPORTS.carotidUs],
  },
  {
    dx: DX.asthma,
    tag: '哮喘',
    department: 'RESP',
    weight: 4,
    minAge: 18,
    labs: [],
    regimens: [[D.budesonideFormoterol]],
    reports: [REPORTS.chestXray],
  },
  {
    dx: DX.hypothyroid,
    tag: '甲减',
    department: 'ENDO',
    weight: 4,
    minAge: 25,
    labs: [{ test: L.TSH!, shift: 1.5, spread: 1.5 }],
    regimens: [[D.levothyroxine]],
    reports: [REPORTS.thyroidUs],
  },
  {
    dx: DX.osteoporosis,
    tag: '骨质疏松',
    department: 'ORTH',
    weight: 3,
    minAge: 55,
    sex: 'female',
    labs: [],
    regimens: [
      [D.calciumD3, D.alendronate],
      [D.calciumD3, D.calcitriol],
    ],
    reports: [],
  },
  {
    dx: DX.bph,
    tag: '前列腺增生',
    department: 'UROL',
    weight: 3,
    minAge: 55,
    sex: 'male',
    labs: [],
    regimens: [[D.tamsulosin]],
    reports: [],
  },
  {
    dx: DX.lungCancer,
    tag: '肿瘤',
    department: 'ONCO',
    weight: 0.8,
    minAge: 45,
    labs: [{ test: L.WBC!, shift: -0.8, spread: 1.4 }],
    regimens: [[D.osimertinib]],
    reports: [REPORTS.chestCt],
    oncology: true,
  },
  {
    dx: DX.breastCancer,
    tag: '肿瘤',
    department: 'ONCO',
    weight: 0.8,
    minAge: 35,
    sex: 'female',
    labs: [{ test: L.WBC!, shift: -0.8, spread: 1.3 }],
    regimens: [[D.letrozole], [D.capecitabine]],
    reports: [REPORTS.chestCt],
    oncology: true,
  },
  {
    dx: DX.gastricCancer,
    tag: '肿瘤',
    department: 'ONCO',
    weight: 0.5,
    minAge: 45,
    labs: [{ test: L.HGB!, shift: -2, spread: 1.4 }],
    regimens: [[D.capecitabine]],
    reports: [REPORTS.abdomenUs],
    oncology: true,
  },
];

// ---------------------------------------------------------------------------------------------------
// Procedures (ICD-9-CM-3) with their price in fen

export interface ProcedureDef {
  code: string;
  name: string;
  priceFen: number;
}

const proc = (code: string, name: string, priceFen: number): ProcedureDef => ({ code, name, priceFen });

export const PROCEDURES = {
  gastroscopy: proc('45.13', '胃镜检查', 45000),
  colonoscopy: proc('45.23', '结肠镜检查', 60000),
  coronaryAngiography: proc('88.56', '冠状动脉造影', 420000),
  pci: proc('36.06', '冠状动脉药物洗脱支架置入术', 2240000),
  appendectomy: proc('47.01', '腹腔镜下阑尾切除术', 840000),
  cholecystectomy: proc('51.23', '腹腔镜下胆囊切除术', 1260000),
  herniaRepair: proc('53.05', '腹股沟疝修补术伴移植物', 980000),
  kneeReplacement: proc('81.54', '全膝关节置换术', 3850000),
  radiusFixation: proc('79.32', '桡骨骨折切开复位内固定术', 1540000),
  cataract: proc('13.41', '白内障超声乳化抽吸术', 520000),
  caesarean: proc('74.1', '子宫下段剖宫产术', 560000),
  vaginalDelivery: proc('73.59', '手法助产（顺产）', 350000),
  chemotherapy: proc('99.25', '化学治疗药物注射', 120000),
  toothExtraction: proc('23.09', '牙齿拔除术', 15000),
  woundSuture: proc('86.59', '皮肤缝合术', 30000),
  lithotripsy: proc('98.51', '体外冲击波碎石术', 250000),
};

/** Hospital stays by department: the diagnosis, the procedure (if any), and the length of stay in days. */
export const ADMISSIONS: Readonly<
  Record<
    string,
    readonly { dx: Dx; procedure: ProcedureDef | null; days: readonly [number, number]; weight: number }[]
  >
> = {
  CARD: [
    { dx: DX.chd, procedure: PROCEDURES.coronaryAngiography, days: [3, 5], weight: 3 },
    { dx: dx('I20.0', '不稳定型心绞痛'), procedure: PROCEDURES.pci, days: [5, 8], weight: 2 },
    { dx: dx('I50.9', '心力衰竭'), procedure: null, days: [7, 12], weight: 1 },
  ],
  RESP: [
    { dx: dx('J44.1', '慢性阻塞性肺疾病急性加重'), procedure: null, days: [7, 12], weight: 3 },
    { dx: dx('J18.9', '肺炎'), procedure: null, days: [5, 9], weight: 3 },
  ],
  ENDO: [{ dx: dx('E11.6', '2型糖尿病伴并发症'), procedure: null, days: [6, 10], weight: 1 }],
  NEPH: [{ dx: dx('N18.4', '慢性肾脏病4期'), procedure: null, days: [7, 12], weight: 1 }],
  NEUR: [{ dx: dx('I63.9', '脑梗死'), procedure: null, days: [8, 14], weight: 1 }],
  GSUR: [
    { dx: dx('K80.2', '胆囊结石'), procedure: PROCEDURES.cholecystectomy, days: [3, 6], weight: 3 },
    { dx: dx('K35.8', '急性阑尾炎'), procedure: PROCEDURES.appendectomy, days: [3, 5], weight: 2 },
    { dx: dx('K40.9', '腹股沟疝'), procedure: PROCEDURES.herniaRepair, days: [2, 4], weight: 2 },
  ],
  ORTH: [
    { dx: dx('M17.9', '膝关节骨关节炎'), procedure: PROCEDURES.kneeReplacement, days: [7, 12], weight: 1 },
    { dx: dx('S52.5', '桡骨远端骨折'), procedure: PROCEDURES.radiusFixation, days: [4, 7], weight: 1 },
    { dx: dx('M51.2', '腰椎间盘突出'), procedure: null, days: [7, 10], weight: 1 },
  ],
  UROL: [{ dx: dx('N20.0', '肾结石'), procedure: PROCEDURES.lithotripsy, days: [2, 4], weight: 1 }],
  OPHT: [{ dx: dx('H25.9', '老年性白内障'), procedure: PROCEDURES.cataract, days: [1, 3], weight: 1 }],
  ONCO: [{ dx: DX.lungCancer, procedure: PROCEDURES.chemotherapy, days: [3, 6], weight: 1 }],
  PEDS: [{ dx: dx('J18.9', '肺炎'), procedure: null, days: [5, 8], weight: 1 }],
};

// ---------------------------------------------------------------------------------------------------
// Check-up packages (category 'checkup_package')

export interface CheckupPackage {
  code: string;
  name: string;
  priceFen: number;
  labs: readonly LabTest[];
  reports: readonly ReportDef[];
  procedures: readonly ProcedureDef[];
  premium: boolean;
}

export const CHECKUP_PACKAGES: readonly CheckupPackage[] = [
  {
    code: 'PKG-BASIC',
    name: '基础体检套餐',
    priceFen: 49_900,
    labs: PANELS.checkupBasic,
    reports: [REPORTS.chestXray, REPORTS.abdomenUs, REPORTS.ecg],
    procedures: [],
    premium: false,
  },
  {
    code: 'PKG-STANDARD',
    name: '标准体检套餐',
    priceFen: 98_000,
    labs: PANELS.checkupFull,
    reports: [REPORTS.chestXray, REPORTS.abdomenUs, REPORTS.thyroidUs, REPORTS.ecg],
    procedures: [],
    premium: false,
  },
  {
    code: 'PKG-SENIOR',
    name: '中老年体检套餐',
    priceFen: 168_000,
    labs: [...PANELS.checkupFull, L.HBA1C!, L.TSH!],
    reports: [REPORTS.chestCt, REPORTS.abdomenUs, REPORTS.carotidUs, REPORTS.heartUs, REPORTS.ecg],
    procedures: [],
    premium: false,
  },
  {
    code: 'PKG-PREMIUM',
    name: '高端深度体检套餐',
    priceFen: 680_000,
    labs: [...PANELS.checkupFull, L.HBA1C!, L.TSH!, L.CRP!],
    reports: [
      REPORTS.chestCt,
      REPORTS.abdomenUs,
      REPORTS.thyroidUs,
      REPORTS.heartUs,
      REPORTS.carotidUs,
      REPORTS.ecg,
    ],
    procedures: [PROCEDURES.gastroscopy, PROCEDURES.colonoscopy],
    premium: true,
  },
];

/** The smaller quarterly package of check-up members (会员季度体检). */
export const QUARTERLY_PACKAGE: CheckupPackage = {
  code: 'PKG-QUARTERLY',
  name: '会员季度健康检查',
  priceFen: 26_000,
  labs: [L.GLU!, L.TC!, L.TG!, L.ALT!, L.CREA!],
  reports: [REPORTS.ecg],
  procedures: [],
  premium: false,
};

// ---------------------------------------------------------------------------------------------------
// Allergies and family history

export const ALLERGENS: readonly (readonly [{ substance: string; reactions: readonly string[] }, number])[] =
  [
    [{ substance: '青霉素', reactions: ['皮疹', '荨麻疹', '过敏性休克'] }, 30],
    [{ substance: '头孢类抗生素', reactions: ['皮疹', '瘙痒'] }, 12],
    [{ substance: '磺胺类药物', reactions: ['皮疹', '发热'] }, 8],
    [{ substance: '阿司匹林', reactions: ['哮喘发作', '荨麻疹'] }, 5],
    [{ substance: '碘造影剂', reactions: ['荨麻疹', '喉头水肿'] }, 4],
    [{ substance: '海鲜', reactions: ['荨麻疹', '腹泻'] }, 15],
    [{ substance: '花粉', reactions: ['打喷嚏、流涕', '哮喘发作'] }, 8],
    [{ substance: '尘螨', reactions: ['打喷嚏、流涕', '湿疹'] }, 8],
    [{ substance: '牛奶', reactions: ['腹泻', '湿疹'] }, 4],
    [{ substance: '鸡蛋', reactions: ['荨麻疹', '呕吐'] }, 4],
    [{ substance: '芒果', reactions: ['口周皮疹'] }, 3],
  ];

/** Severity of a reaction as recorded by staff. */
export const REACTION_SEVERITY: Readonly<Record<string, 'mild' | 'moderate' | 'severe'>> = {
  过敏性休克: 'severe',
  喉头水肿: 'severe',
  哮喘发作: 'moderate',
  荨麻疹: 'moderate',
  发热: 'moderate',
  呕吐: 'moderate',
};

export const FAMILY_CONDITIONS: readonly (readonly [Dx, number])[] = [
  [dx('I10', '高血压'), 30],
  [dx('E11', '2型糖尿病'), 18],
  [dx('I25', '冠心病'), 10],
  [dx('I64', '脑卒中'), 10],
  [dx('C34', '肺癌'), 5],
  [dx('C16', '胃癌'), 4],
  [dx('C22', '肝癌'), 3],
  [dx('C18', '结肠癌'), 3],
  [dx('C50', '乳腺癌'), 3],
];
