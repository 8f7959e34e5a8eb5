/** Everyday vocabulary for demo people: phones, addresses, work, habits. */

/**
 * Mobile number prefixes of the three operators with rough shares of numbers in use (China Mobile 13[4-9]
 * 15[0-27-9] 18[2-478] 19[578], China Unicom 13[0-2] 15[56] 18[56] 166 17[56], China Telecom 133 153
 * 18[019] 17[37] 19[139]). All are accepted by parseMobile.
 */
export const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['139', 6],
  ['138', 6],
  ['137', 5],
  ['136', 5],
  ['135', 5],
  ['134', 3],
  ['159', 4],
  ['158', 4],
  ['157', 1],
  ['152', 3],
  ['151', 3],
  ['150', 3],
  ['187', 4],
  ['188', 3],
  ['182', 3],
  ['183', 2],
  ['184', 1],
  ['178', 2],
  ['198', 2],
  ['195', 1],
  ['130', 3],
  ['131', 3],
  ['132', 3],
  ['155', 2],
  ['156', 3],
  ['185', 2],
  ['186', 4],
  ['166', 2],
  ['176', 2],
  ['175', 1],
  ['133', 3],
  ['153', 2],
  ['180', 2],
  ['181', 2],
  ['189', 4],
  ['173', 2],
  ['177', 2],
  ['199', 2],
  ['191', 1],
  ['193', 1],
];

export const ROADS: readonly string[] = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '文化路',
  '和平路',
  '新华路',
  '东风路',
  '胜利路',
  '青年路',
  '健康路',
  '学院路',
  '滨江路',
  '湖滨路',
  '环城北路',
  '延安路',
  '庆春路',
  '凤起路',
  '体育场路',
  '文三路',
];

export const COMMUNITIES: readonly string[] = [
  '阳光花园',
  '金色家园',
  '锦绣苑',
  '翠苑小区',
  '幸福里',
  '和谐家园',
  '春晓苑',
  '绿城桂花园',
  '紫金港湾',
  '城市花园',
  '丽景新村',
  '碧水云天',
  '香樟公寓',
  '东方明珠苑',
  '嘉园新村',
];

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['qq.com', 50],
  ['163.com', 25],
  ['126.com', 10],
  ['sina.com', 5],
  ['outlook.com', 5],
  ['gmail.com', 3],
  ['foxmail.com', 2],
];

export const OCCUPATIONS_WORKING: readonly (readonly [string, number])[] = [
  ['企业职员', 22],
  ['工人', 12],
  ['个体经营', 10],
  ['教师', 6],
  ['公务员', 4],
  ['工程师', 7],
  ['医务人员', 3],
  ['销售', 6],
  ['司机', 3],
  ['农民', 8],
  ['自由职业', 5],
  ['金融从业者', 3],
  ['服务业人员', 6],
  ['无业', 5],
];

export const EMPLOYERS: readonly string[] = [
  '恒信科技有限公司',
  '瑞康医药有限公司',
  '新源电子科技有限公司',
  '宏达机械制造有限公司',
  '城投建设集团有限公司',
  '顺达物流有限公司',
  '金桥商贸有限公司',
  '市第一中学',
  '市实验小学',
  '区人民政府',
  '华联超市有限公司',
  '远航软件股份有限公司',
  '嘉禾食品有限公司',
  '天成纺织有限公司',
  '市供电公司',
  '市自来水公司',
  '东方证券营业部',
  '江南银行支行',
];

export const POSITIONS: readonly string[] = [
  '职员',
  '主管',
  '经理',
  '部门负责人',
  '技术员',
  '总监',
  '教研组长',
  '科员',
];

export const HOBBIES: readonly string[] = [
  '太极拳',
  '广场舞',
  '钓鱼',
  '书法',
  '跑步',
  '游泳',
  '摄影',
  '旅游',
  '烹饪',
  '园艺',
  '象棋',
  '阅读',
  '越剧',
  '羽毛球',
  '徒步',
];

export const PERSONALITY_NOTES: readonly string[] = [
  '性格开朗，依从性好',
  '较焦虑，需耐心解释病情',
  '听力下降，沟通时请放慢语速',
  '工作繁忙，偏好简短沟通',
  '对用药副作用顾虑较多',
  '家属陪同就诊为主',
];

export const CONSUMPTION_HABITS: readonly string[] = [
  '偏好自费高端体检项目',
  '价格敏感，优先医保目录内药品',
  '常在周末就诊',
  '习惯线上复诊开药',
  '偏好专家号',
];

export const MEDICAL_INSURERS = ['城镇职工基本医疗保险', '城乡居民基本医疗保险'] as const;
export const COMMERCIAL_INSURERS = ['中国人寿', '中国平安', '太平洋保险', '泰康人寿'] as const;
