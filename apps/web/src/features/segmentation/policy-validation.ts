import {
  SEGMENT_FILTER_MESSAGES,
  segmentationPolicySchema,
  type SegmentationPolicy,
} from '@carebridge/contracts';
import type { Translate } from '../../app/i18n';
import type { Lang } from '../../app/lang';
import { serverIssues } from '../patients/form-issues';
import { validateWith, type PathIssue } from '../patients/zod-issues';

/** A contract message code ("tier_shares_over_100") in the UI language; other messages as they are. */
export function filterMessage(message: string, lang: Lang): string {
  return SEGMENT_FILTER_MESSAGES[message]?.[lang] ?? message;
}

/**
 * The contract's checks, plus two orderings it leaves to the editor (a medium threshold above the high one
 * would make "medium" unreachable).
 */
export function validatePolicy(
  values: unknown,
  t: Translate,
  lang: Lang,
): { ok: true; policy: SegmentationPolicy } | { ok: false; issues: PathIssue[] } {
  const result = validateWith(segmentationPolicySchema, values, t, lang);
  if (!result.ok)
    return {
      ok: false,
      issues: result.issues.map((i) => ({ ...i, message: filterMessage(i.message, lang) })),
    };
  const policy = result.data;
  const issues: PathIssue[] = [];
  if (policy.churn.mediumFactor > policy.churn.highFactor)
    issues.push({ path: ['churn', 'mediumFactor'], message: t('policy.error.mediumFactor') });
  if (policy.scores.mediumFrom >= policy.scores.highFrom)
    issues.push({ path: ['scores', 'mediumFrom'], message: t('policy.error.mediumFrom') });
  return issues.length ? { ok: false, issues } : { ok: true, policy };
}

/** The server's field problems on the policy form: "policy.abc.aRevenueTopShare" → ['abc', 'aRevenueTopShare']. */
export function policyServerIssues(error: unknown): PathIssue[] {
  return serverIssues(error).map((issue) => ({
    ...issue,
    path: issue.path[0] === 'policy' ? issue.path.slice(1) : issue.path,
  }));
}
