// How the governance commands write proposals: dates in local time, votes in whole tokens, actions one per line;
// and how they read the emission's settings as people write them.
import {
  formatAmount,
  type BuildSetEmissionSettingsParameters,
  type DecodedAction,
  type ProposalView,
} from "../../sdk/src/index.js";
import { grouped } from "./amounts.js";
import { CliError } from "./output.js";

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

/** The emission's settings as `gov propose protocol emission-settings` takes them: `name=value`, by these names. */
const EMISSION_SETTINGS: Record<string, keyof BuildSetEmissionSettingsParameters> = {
  period: "periodLength",
  rate: "rate",
  cap: "cap",
  grace: "graceBlocks",
  validators: "minValidators",
};

/** `period=7d rate=0.5%...` as the builder's parameters; a name unknown or given twice is refused. */
export function emissionSettings(pairs: string[]): BuildSetEmissionSettingsParameters {
  const settings: BuildSetEmissionSettingsParameters = {};
  const names = Object.keys(EMISSION_SETTINGS).join(", ");
  for (const pair of pairs) {
    const [name, value, ...rest] = pair.split("=");
    const key = Object.hasOwn(EMISSION_SETTINGS, name) ? EMISSION_SETTINGS[name] : undefined;
    if (!key || !value || rest.length > 0)
      throw new CliError(`"${pair}" is not an emission setting.`, `Write name=value, the name one of ${names}.`);
    if (settings[key] !== undefined) throw new CliError(`The setting ${name} is given twice.`);
    settings[key] = value;
  }
  return settings;
}
