// Markdown for the lists suite: one row per (size, variant), then the goals and the plan findings.

import { ratio, table, verdict } from '../lib/markdown.ts';
import { formatNs } from '../measure.ts';
import type { SizeResult, VariantResult } from './measure-size.ts';

const find = (s: SizeResult, key: VariantResult['key']) => s.variants.find((v) => v.key === key);

/** The authorized list's median over the hand-written WHERE's, at one size. */
export function filterRatio(s: SizeResult): number {
  return find(s, 'authorized')!.list.medianNs / find(s, 'handWritten')!.list.medianNs;
}

/** The results table of every size and variant. */
export function resultsTable(sizes: readonly SizeResult[]): string {
  const rows = sizes.flatMap((s) =>
    s.variants.map((v) => [
      s.rows.toLocaleString('en-US'),
      v.label,
      `${formatNs(v.list.medianNs)} / ${formatNs(v.list.p99Ns)}`,
      v.count ? formatNs(v.count.medianNs) : '(same as list)',
      v.rowsTransferred.toLocaleString('en-US'),
      v.plan ? v.plan.scans.join(', ') : 'Seq Scan (no WHERE)',
      v.plan ? (v.plan.usesIndex ? 'yes' : 'no') : 'no',
      String(v.list.samples),
    ]),
  );
  return table(
    [
      'workspaces',
      'variant',
      'list of 50: median / p99',
      'count: median',
      'rows transferred',
      'plan scan nodes',
      'index',
      'samples',
    ],
    rows,
  );
}

/** The goal lines: the 1.2x of issues 4 and 7, and the margin over post-filtering. */
export function goalLines(sizes: readonly SizeResult[]): string[] {
  const lines = sizes.map((s) => {
    const r = filterRatio(s);
    const post = find(s, 'postFilter');
    const margin = post
      ? `; post-filter takes ${ratio(post.list.medianNs / find(s, 'authorized')!.list.medianNs)} the authorized list`
      : '; post-filter not run at this size';
    return `- ${s.rows.toLocaleString('en-US')} rows (${s.visible.toLocaleString('en-US')} visible): authorized / hand-written = ${verdict(r <= 1.2, ratio(r))} (goal <= 1.2x)${margin}; RLS / hand-written = ${ratio(find(s, 'rls')!.list.medianNs / find(s, 'handWritten')!.list.medianNs)}.`;
  });
  return lines;
}

/** The plans of the authorized list, verbatim filters and column casts, per size. */
export function planLines(sizes: readonly SizeResult[]): string[] {
  return sizes.flatMap((s) => {
    const plan = find(s, 'authorized')!.plan!;
    const hand = find(s, 'handWritten')!.plan!;
    return [
      `- ${s.rows.toLocaleString('en-US')} rows: authorized \`${plan.shape}\`; hand-written \`${hand.shape}\`; RLS \`${find(s, 'rls')!.plan!.shape}\`. Forced generic plan: authorized \`${plan.genericShape}\`, hand-written \`${hand.genericShape}\`.` +
        (plan.columnCasts.length > 0
          ? ` Column casts in the authorized scan filter: ${plan.columnCasts.map((c) => `\`${c}\``).join(', ')}.`
          : ''),
    ];
  });
}
