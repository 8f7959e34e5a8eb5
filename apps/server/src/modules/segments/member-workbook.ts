import ExcelJS from 'exceljs';
import { ageOn } from '@carebridge/domain';
import { bufferSink } from '../../platform/buffer-sink';
import type { ExportMemberRow } from './segments.repository';

/**
 * A segment's members as an .xlsx for a campaign or a follow-up list. Numbers are the stored masked forms
 * (138****5678); nothing is decrypted on the way. Written with exceljs's streaming writer row by row, so the
 * only thing that grows with the list is the compressed file itself (about 6 MB per 100,000 members).
 */

const GENDERS: Record<string, string> = { male: '男', female: '女', unknown: '未知' };
const LEVELS: Record<string, string> = { gold: '金卡', silver: '银卡', regular: '普通' };
const CHURN: Record<string, string> = { low: '低', medium: '中', high: '高', unknown: '未知' };

/** The sheet's columns; the spend column names the policy's trailing window (近12月 by default). */
export const memberSheetColumns = (windowMonths: number) =>
  [
    { header: '姓名', width: 12 },
    { header: '性别', width: 6 },
    { header: '年龄', width: 6 },
    { header: '手机(脱敏)', width: 16 },
    { header: '身份证(脱敏)', width: 22 },
    { header: '分层', width: 6 },
    { header: '会员等级', width: 10 },
    { header: `近${windowMonths}月消费(元)`, width: 16 },
    { header: '地区', width: 24 },
    { header: '最近就诊', width: 12 },
    { header: '流失风险', width: 10 },
    { header: 'VIP', width: 6 },
    { header: '标签', width: 30 },
  ] as const;

export interface MemberSheetContext {
  today: string;
  timeZone: string;
  windowMonths: number;
}

/** YYYY-MM-DD in the hospital's time zone; one formatter per export (making one per row is slow). */
const dayFormatter = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

export function memberCells(
  m: ExportMemberRow,
  ctx: MemberSheetContext,
  day = dayFormatter(ctx.timeZone),
): (string | number | null)[] {
  return [
    m.name,
    GENDERS[m.gender] ?? m.gender,
    m.birthDate ? ageOn(m.birthDate, ctx.today) : null,
    m.phoneMasked,
    m.idCardMasked,
    m.tier,
    m.level ? (LEVELS[m.level] ?? m.level) : null,
    // Fen are exact; the yuan figure is for reading, formatted to two decimals.
    m.revenueFen === null ? null : m.revenueFen / 100,
    [m.province, m.city, m.district].filter(Boolean).join(' ') || null,
    m.lastVisitAt ? day.format(m.lastVisitAt) : null,
    m.churn ? (CHURN[m.churn] ?? m.churn) : null,
    m.vip ? '是' : '否',
    m.tags.join('、') || null,
  ];
}

/** Writes batches of members into an .xlsx; `finish` resolves to the file and how many rows it holds. */
export function memberWorkbook(ctx: MemberSheetContext) {
  const sink = bufferSink();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('分群成员', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = memberSheetColumns(ctx.windowMonths);
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.getColumn(8).numFmt = '#,##0.00';
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const day = dayFormatter(ctx.timeZone);
  let rows = 0;

  return {
    add(members: readonly ExportMemberRow[]): void {
      for (const m of members) sheet.addRow(memberCells(m, ctx, day)).commit();
      rows += members.length;
    },
    async finish(): Promise<{ buffer: Buffer; rows: number }> {
      sheet.commit();
      await workbook.commit(); // ends the stream
      return { buffer: await sink.buffer, rows };
    },
  };
}
