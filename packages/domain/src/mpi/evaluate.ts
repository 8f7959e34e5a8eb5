import { blockingKeys } from './blocking';
import type { MatchRecord } from './record';
import { normaliseForMatch } from './record';
import {
  classifyScore,
  DEFAULT_MATCH_PARAMS,
  scorePair,
  type MatchParams,
  type MatchThresholds,
} from './weights';

export interface LinkageMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Predicted pairs that are true pairs. */
  tp: number;
  /** Predicted pairs that are not. */
  fp: number;
  /** True pairs not predicted, including those blocking never proposed. */
  fn: number;
}

export interface SweepPoint extends LinkageMetrics {
  /** Pairs scoring at or above this are predicted matches. */
  threshold: number;
}

export interface LinkageEvaluation {
  mode: 'dedupe' | 'link';
  pairsCompared: number;
  truePairs: number;
  /** True pairs that blocking proposed (the best recall any threshold can reach). */
  truePairsBlocked: number;
  /** Blocks skipped for being larger than `maxBlockSize`. */
  skippedBlocks: number;
  /** Pairs classified auto_merge. */
  auto: LinkageMetrics;
  /** Pairs classified auto_merge or review. */
  autoPlusReview: LinkageMetrics;
  thresholds: MatchThresholds;
  /** Precision/recall with a single cut-off at several scores, to choose `upper` and `lower`. */
  sweep: SweepPoint[];
}

export interface EvaluationInput {
  records: readonly (MatchRecord & { trueEntity: string })[];
  /** A second file: link it against `records` instead of deduplicating `records`. */
  otherRecords?: readonly (MatchRecord & { trueEntity: string })[];
  params?: MatchParams;
  /** Cut-offs reported in `sweep`; defaults to every 4 bits from 0 to 40. */
  sweepThresholds?: readonly number[];
  /** Blocks with more records than this are skipped (a key too common to be a key). Default 1000. */
  maxBlockSize?: number;
}

const DEFAULT_SWEEP = [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40];

function metrics(tp: number, predicted: number, truePairs: number): LinkageMetrics {
  // With nothing predicted precision is vacuously 1; with nothing to find recall is 1.
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp: predicted - tp, fn: truePairs - tp };
}

/**
 * Measure the matcher on records whose true identity is known.
 *
 * - Candidates: records sharing a blocking key (`blockingKeys`). With one file every pair of its records
 *   may be a candidate (dedupe); with two files only pairs with one record from each (link).
 * - Each candidate pair is scored once, however many keys it shares.
 * - Predicted pairs: candidates classified `auto_merge` (for `auto`), or `auto_merge` or `review` (for
 *   `autoPlusReview`), with `params.thresholds`.
 * - True pairs: all pairs with the same `trueEntity` — within the file for dedupe, across the files for
 *   link — whether or not blocking proposed them.
 * - precision = |predicted ∩ true| / |predicted|, recall = |predicted ∩ true| / |true|: a true pair that
 *   blocking never proposed counts as a miss, so recall measures blocking and scoring together.
 */
export function evaluateLinkage(input: EvaluationInput): LinkageEvaluation {
  const params = input.params ?? DEFAULT_MATCH_PARAMS;
  const maxBlockSize = input.maxBlockSize ?? 1000;
  const link = input.otherRecords !== undefined;
  const left = input.records;
  const right = input.otherRecords ?? [];
  const all = [...left, ...right];
  const n = all.length;
  const features = all.map((r) => normaliseForMatch(r));
  const entity = all.map((r) => r.trueEntity);

  // key → record indices; in link mode only keys seen on both sides matter.
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (const key of new Set(blockingKeys(features[i]!))) {
      let block = blocks.get(key);
      if (!block) blocks.set(key, (block = []));
      block.push(i);
    }
  }

  const seen = new Set<number>();
  const scores: number[] = [];
  const isTrue: boolean[] = [];
  let skippedBlocks = 0;
  for (const block of blocks.values()) {
    if (block.length < 2) continue;
    if (block.length > maxBlockSize) {
      skippedBlocks++;
      continue;
    }
    for (let x = 0; x < block.length; x++) {
      const i = block[x]!;
      for (let y = x + 1; y < block.length; y++) {
        const j = block[y]!;
        // Indices are ascending within a block; in link mode i must be on the left, j on the right.
        if (link && (i >= left.length || j < left.length)) continue;
        const pairKey = i * n + j;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        scores.push(scorePair(features[i]!, features[j]!, params).score);
        isTrue.push(entity[i] === entity[j]);
      }
    }
  }

  const truePairs = countTruePairs(left, link ? right : undefined);
  const { upper, lower } = params.thresholds;
  let autoTp = 0;
  let autoPredicted = 0;
  let reviewTp = 0;
  let reviewPredicted = 0;
  let truePairsBlocked = 0;
  for (let k = 0; k < scores.length; k++) {
    const cls = classifyScore(scores[k]!, params.thresholds);
    const t = isTrue[k]!;
    if (t) truePairsBlocked++;
    if (cls === 'auto_merge') {
      autoPredicted++;
      if (t) autoTp++;
    }
    if (cls !== 'new') {
      reviewPredicted++;
      if (t) reviewTp++;
    }
  }

  const sweep = (input.sweepThresholds ?? DEFAULT_SWEEP).map((threshold) => {
    let tp = 0;
    let predicted = 0;
    for (let k = 0; k < scores.length; k++) {
      if (scores[k]! >= threshold) {
        predicted++;
        if (isTrue[k]) tp++;
      }
    }
    return { threshold, ...metrics(tp, predicted, truePairs) };
  });

  return {
    mode: link ? 'link' : 'dedupe',
    pairsCompared: scores.length,
    truePairs,
    truePairsBlocked,
    skippedBlocks,
    auto: metrics(autoTp, autoPredicted, truePairs),
    autoPlusReview: metrics(reviewTp, reviewPredicted, truePairs),
    thresholds: { upper, lower },
    sweep,
  };
}

function countTruePairs(
  left: readonly { trueEntity: string }[],
  right: readonly { trueEntity: string }[] | undefined,
): number {
  const countLeft = new Map<string, number>();
  for (const r of left) countLeft.set(r.trueEntity, (countLeft.get(r.trueEntity) ?? 0) + 1);
  let pairs = 0;
  if (right === undefined) {
    for (const k of countLeft.values()) pairs += (k * (k - 1)) / 2;
  } else {
    for (const r of right) pairs += countLeft.get(r.trueEntity) ?? 0;
  }
  return pairs;
}
