import { z } from 'zod';
import {
  INTEROP_FIELD_MESSAGES,
  PATIENT_FIELD_MESSAGES,
  SEGMENT_FILTER_MESSAGES,
  type ErrorCode,
} from '@carebridge/contracts';

export type Lang = 'zh' | 'en';

/** zh-CN unless the client prefers English (Accept-Language: en, en-US;q=0.9, …). */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag.startsWith('zh') || r.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}

type Catalogue = Record<string, { zh: string; en: string }>;

export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  validation_failed: { zh: '提交的数据有误，请检查标出的字段', en: 'The request has invalid fields' },
  malformed_json: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  payload_too_large: { zh: '请求体过大', en: 'The request body is too large' },
  not_authenticated: { zh: '请先登录', en: 'Please sign in' },
  session_expired: { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  invalid_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  account_disabled: {
    zh: '账号已停用，请联系管理员',
    en: 'This account is disabled; contact an administrator',
  },
  csrf_failed: {
    zh: '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and retry',
  },
  forbidden: { zh: '您没有执行此操作的权限', en: 'You do not have permission to do this' },
  not_found: { zh: '请求的资源不存在', en: 'Not found' },
  conflict: { zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  password_rejected: { zh: '新密码不符合要求', en: 'The new password does not meet the rules' },
  database_unavailable: { zh: '数据库暂时不可用', en: 'The database is temporarily unavailable' },
  internal_error: { zh: '服务器内部错误，请稍后再试', en: 'Internal server error; please retry later' },
};

/** Messages for field-level problems raised by our own rules (used as zod `message` keys). */
export const FIELD_MESSAGES: Catalogue = {
  username_charset: {
    zh: '只能包含字母、数字、点、下划线和连字符',
    en: 'Only letters, digits, ".", "_" and "-"',
  },
  username_taken: { zh: '该用户名已被使用', en: 'This username is already taken' },
  password_too_short: { zh: '密码至少需要 10 个字符', en: 'The password needs at least 10 characters' },
  password_is_username: { zh: '密码不能与用户名相同', en: 'The password must not be the username' },
  password_reused: {
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  current_password_wrong: { zh: '当前密码不正确', en: 'The current password is wrong' },
  cannot_remove_own_admin: {
    zh: '不能停用自己的账号或移除自己的管理员角色',
    en: 'You cannot disable yourself or remove your own admin role',
  },
  unknown_cursor: { zh: '分页游标无效', en: 'Invalid paging cursor' },
  ...PATIENT_FIELD_MESSAGES,
  ...INTEROP_FIELD_MESSAGES,
  ...SEGMENT_FILTER_MESSAGES,
};

export function fieldMessage(key: string, lang: Lang): string {
  return FIELD_MESSAGES[key]?.[lang] ?? key;
}

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

type Issue = Parameters<typeof zhLocale>[0] & { code: string; message?: string };

/** Human wording for the most common zod issues; zod's own locale for the rest. */
export function issueMessage(issue: Issue, lang: Lang): string {
  if (issue.message && FIELD_MESSAGES[issue.message]) return fieldMessage(issue.message, lang);
  const i = issue;
  const zh = lang === 'zh';
  if (i.code === 'invalid_type' && i.input === undefined) return zh ? '必填' : 'Required';
  if (i.code === 'too_small' && i.origin === 'string')
    return zh ? `至少需要 ${String(i.minimum)} 个字符` : `Must have at least ${String(i.minimum)} characters`;
  if (i.code === 'too_big' && i.origin === 'string')
    return zh ? `最多 ${String(i.maximum)} 个字符` : `Must have at most ${String(i.maximum)} characters`;
  if (i.code === 'too_small' && i.origin === 'array')
    return zh ? `至少选择 ${String(i.minimum)} 项` : `Choose at least ${String(i.minimum)}`;
  if (i.code === 'unrecognized_keys')
    return zh ? `不允许的字段：${i.keys.join('、')}` : `Unknown field(s): ${i.keys.join(', ')}`;
  const localised = (zh ? zhLocale : enLocale)(issue);
  return typeof localised === 'string' ? localised : (localised?.message ?? issue.message ?? 'invalid');
}
