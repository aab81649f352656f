// How the governance commands write proposals: dates in local time, votes in whole tokens, actions one per line.
import { formatAmount, type DecodedAction, type ProposalView } from "../../sdk/src/index.js";
import { grouped } from "./amounts.js";

/** A moment in the local time zone to the minute, with its offset: "2026-11-22 14:05 (UTC+01:00)". */
export function localTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())} (${zone})`;
}

/** Votes (token units) in whole tokens, thousands grouped. */
export function votes(amount: bigint): string {
  return grouped(formatAmount(amount, 18));
}

/** A proposal's calls, numbered, in words. */
export function actionLines(actions: DecodedAction[]): string {
  return actions.map((action, i) => `  ${i + 1}. ${action.description}`).join("\n");
}

/** "reached (9,000 of 8,000)" or "not reached (1,000 of 8,000)": for and abstain votes count towards the quorum. */
export function quorumText(proposal: ProposalView): string {
  const counted = proposal.votes.for + proposal.votes.abstain;
  return `${proposal.quorumReached ? "reached" : "not reached"} (${votes(counted)} of ${votes(proposal.quorum)})`;
}

/** What to run next for a proposal in its state, or nothing. */
export function nextStep(slug: string, proposal: ProposalView): string | undefined {
  const n = proposal.number;
  switch (proposal.state) {
    case "pending":
      return `Voting opens at ${localTime(proposal.snapshot)}; then: npx hardhat gov vote ${slug} ${n} for|against|abstain`;
    case "active":
      return `Vote until ${localTime(proposal.deadline)}: npx hardhat gov vote ${slug} ${n} for|against|abstain`;
    case "succeeded":
      return `It passed: npx hardhat gov queue ${slug} ${n}`;
    case "queued":
      return `Executable from ${localTime(proposal.eta!)}: npx hardhat gov execute ${slug} ${n}`;
    default:
      return undefined;
  }
}
