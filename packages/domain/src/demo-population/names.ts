/**
 * Chinese names for demo people. Surname weights are per 10,000 people, rounded from the Ministry of
 * Public Security's household-registration name statistics (2019/2020 reports: 王 李 张 刘 陈 杨 黄 赵 吴 周
 * lead, the top 100 cover about 85% of the population). Polyphonic surnames (单 shàn, 曾 zēng, 解 xiè,
 * 仇 qiú, 区 ōu, 查 zhā, 朴 piáo, 盖 gě, 乐 yuè, 缪 miào) and compound surnames (欧阳 司马 诸葛 上官 司徒)
 * are included with small weights so name search and pinyin keys meet them.
 */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 730],
  ['李', 720],
  ['张', 680],
  ['刘', 520],
  ['陈', 460],
  ['杨', 330],
  ['黄', 240],
  ['赵', 235],
  ['吴', 205],
  ['周', 200],
  ['徐', 160],
  ['孙', 150],
  ['马', 140],
  ['胡', 135],
  ['朱', 130],
  ['郭', 125],
  ['何', 120],
  ['罗', 110],
  ['高', 108],
  ['林', 105],
  ['郑', 95],
  ['梁', 90],
  ['谢', 85],
  ['宋', 80],
  ['唐', 78],
  ['许', 75],
  ['韩', 72],
  ['邓', 70],
  ['冯', 70],
  ['曹', 68],
  ['彭', 66],
  ['曾', 65],
  ['肖', 64],
  ['田', 62],
  ['董', 60],
  ['潘', 58],
  ['袁', 57],
  ['蔡', 55],
  ['蒋', 55],
  ['余', 53],
  ['于', 52],
  ['杜', 51],
  ['叶', 50],
  ['程', 50],
  ['魏', 49],
  ['苏', 48],
  ['吕', 47],
  ['丁', 46],
  ['任', 45],
  ['卢', 44],
  ['姚', 43],
  ['沈', 43],
  ['钟', 42],
  ['姜', 42],
  ['崔', 41],
  ['谭', 40],
  ['陆', 40],
  ['范', 38],
  ['汪', 38],
  ['廖', 37],
  ['石', 37],
  ['金', 36],
  ['韦', 35],
  ['贾', 35],
  ['夏', 34],
  ['付', 34],
  ['方', 33],
  ['邹', 33],
  ['熊', 32],
  ['白', 32],
  ['孟', 31],
  ['秦', 31],
  ['邱', 30],
  ['侯', 30],
  ['江', 30],
  ['尹', 29],
  ['薛', 29],
  ['闫', 28],
  ['段', 28],
  ['雷', 27],
  ['龙', 27],
  ['黎', 26],
  ['史', 26],
  ['陶', 25],
  ['贺', 25],
  ['毛', 24],
  ['郝', 24],
  ['顾', 24],
  ['龚', 23],
  ['邵', 23],
  ['万', 22],
  ['覃', 22],
  ['武', 22],
  ['钱', 21],
  ['戴', 21],
  ['严', 21],
  ['莫', 20],
  ['孔', 20],
  ['向', 20],
  ['常', 19],
  ['汤', 19],
  ['康', 18],
  ['易', 18],
  ['乔', 17],
  ['赖', 17],
  ['文', 17],
  ['施', 16],
  ['洪', 16],
  ['辛', 15],
  ['柳', 15],
  ['葛', 14],
  ['牛', 14],
  ['庞', 13],
  ['樊', 13],
  ['殷', 12],
  ['章', 12],
  ['单', 3],
  ['解', 3],
  ['缪', 3],
  ['仇', 2],
  ['查', 2],
  ['朴', 2],
  ['乐', 2],
  ['区', 1],
  ['盖', 1],
  ['欧阳', 3],
  ['司徒', 0.6],
  ['上官', 0.5],
  ['司马', 0.5],
  ['诸葛', 0.3],
];

/** Given-name characters by sex and birth cohort: [first characters, second characters, one-character names]. */
interface Pool {
  first: readonly string[];
  second: readonly string[];
  single: readonly string[];
}

const chars = (s: string) => [...s];

export type Cohort = 'before1970' | '1970to1989' | 'since1990';

export const GIVEN_NAMES: Readonly<Record<'male' | 'female', Record<Cohort, Pool>>> = {
  male: {
    before1970: {
      first: chars('建国志德卫永伟海明振福金长春文光庆学兴世'),
      second: chars('国华军明强平林忠民生成荣发祥才山东峰龙庆'),
      single: chars('强军明平林忠生成荣祥山峰龙刚斌'),
    },
    '1970to1989': {
      first: chars('伟志俊晓立海建东文永宏小亚鹏家子明浩国嘉'),
      second: chars('伟杰涛斌军勇峰磊强鹏波辉超刚华明亮飞宇龙'),
      single: chars('伟强磊军勇杰涛斌超明刚平辉鹏华飞波峰健亮'),
    },
    since1990: {
      first: chars('子梓浩宇俊一皓天思博嘉晨睿瑞承奕明铭逸'),
      second: chars('轩涵宇泽辰睿豪杰然航鑫博晨阳凯铭瑞昊宸熙'),
      single: chars('浩宇鑫杰睿博轩晨凯帅昊阳'),
    },
  },
  female: {
    before1970: {
      first: chars('秀桂玉淑凤丽美春金月素翠爱兰彩海'),
      second: chars('英兰珍芳华梅琴霞云凤荣莲娥娟萍清'),
      single: chars('英芳兰珍梅霞琴萍华红'),
    },
    '1970to1989': {
      first: chars('丽晓海红春艳秀雪静小慧美佳玉燕晶亚'),
      second: chars('娟红丽艳燕芳霞敏静玲婷梅琳颖洁丹萍'),
      single: chars('芳娜敏静丽艳娟燕霞婷玲丹洁颖'),
    },
    since1990: {
      first: chars('梓欣子雨诗思佳可一紫语若心依晨嘉梦雅'),
      second: chars('涵萱怡彤琪然妍欣瑶琳菲汐雯悦宁婷蕊桐'),
      single: chars('婷欣悦琳怡瑶雯倩佳妍'),
    },
  },
};

export const cohortOf = (birthYear: number): Cohort =>
  birthYear < 1970 ? 'before1970' : birthYear < 1990 ? '1970to1989' : 'since1990';

/**
 * Share of one-character given names by birth year: high in the 1970s–90s (张伟, 王芳, 李娜), lower for
 * the oldest and the youngest.
 */
export function singleNameShare(birthYear: number): number {
  if (birthYear < 1950) return 0.22;
  if (birthYear < 1970) return 0.3;
  if (birthYear < 1990) return 0.35;
  if (birthYear < 2000) return 0.22;
  return 0.1;
}
