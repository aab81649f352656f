import { describeEmissionSettings, type SubnetEmissionShare } from "../../sdk/src/index.js";
import { when } from "../cli/amounts.js";
import { fields, print, table } from "../cli/output.js";
import { command } from "../cli/run.js";
import { units } from "../cli/subnet.js";

export default command<"emission show">(async (args, scope) => {
  const { client } = await scope.open();
  const [release, shares] = await Promise.all([client.emission.release(), client.emission.subnetShares()]);
  const { period, token, settings, totalWeight } = shares;
  const amount = (value: bigint) => units(value, token);
  const next = period.number + 1n;
  print(args.json, { ...shares, release }, () =>
    [
      `Network emission, period ${period.number}: ${when(period.start)} to ${when(period.end)}.`,
      fields([
        [
          "Release",
          `${amount(release.released)} this period: ${amount(release.distributed)} distributed, ${amount(release.undistributed)} still to distribute (the rest returns to the reserve when the period ends)`,
        ],
        ["Reserve", `${amount(release.reserve)} held for later periods`],
        ["Next release", `about ${amount(shares.nextRelease)} if period ${next} opened now`],
        ["Settings", describeEmissionSettings(settings.current)],
        [
          "Queued",
          settings.queued
            ? `from period ${settings.queued.from}: ${describeEmissionSettings(settings.queued.settings)}`
            : undefined,
        ],
        ["Votes", `${amount(totalWeight.current)} weigh now, ${amount(totalWeight.next)} from period ${next}`],
      ]),
      "",
      shares.subnets.length === 0
        ? "No subnets yet."
        : table(
            ["subnet", "votes now", "votes next", "share", "distributed", `next (est.)`, "activity", "emitted"],
            shares.subnets.map((s) => [
              String(s.netuid),
              percent(s.fraction.current),
              percent(s.fraction.next),
              `${amount(s.share)}${s.capped ? " (capped)" : ""}`,
              s.share === 0n ? "-" : s.distributed ? "yes" : "no",
              amount(s.nextShare),
              standing(s, token.symbol),
              amount(s.emitted),
            ]),
          ),
    ].join("\n"),
  );
});

/** A fraction as a percentage to two decimals: "70.00%". */
function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** Whether the subnet may receive the emission, and whether it is active now. */
function standing(s: SubnetEmissionShare, symbol: string): string {
  if (!s.eligible) return `not eligible: rewards in ${s.rewardToken.symbol}, emission is in ${symbol}`;
  return s.activity === "active" ? "active" : s.reason;
}
