import { formatDuration } from "../../sdk/src/index.js";
import { money, tokens, when } from "../cli/amounts.js";
import { fields, print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"revenue show">(async (args, scope) => {
  const context = await scope.open();
  const { revenue } = context.client;
  const r = await revenue.getRevenue(args.slug);
  const mine = await revenue.getClaimable({ model: args.slug, account: context.account });
  print(args.json, { ...r, claimable: mine }, () => {
    const excluded = r.totalSupply - r.eligibleSupply;
    const lines = [
      fields([
        ["Model", `${r.slug} (#${r.model})`],
        ["Token", `${r.tokenSymbol} ${r.token}`],
        ["DAO", `${r.dao} (accepts assets, sets streams and exclusions, through proposals)`],
        [
          "Reserve",
          r.reserveBps > 0
            ? `${r.reserveBps / 100}% of every deposit, for holders who burn tokens`
            : "none (no burn-to-redeem)",
        ],
        [
          "Earning",
          `${tokens(r.eligibleSupply, r.tokenSymbol)} of ${tokens(r.totalSupply, r.tokenSymbol)}${excluded > 0n ? ` (${tokens(excluded, r.tokenSymbol)} excluded)` : ""}`,
        ],
        [
          "Released",
          r.eligibleSupply >= r.minEligibleSupply
            ? `while at least ${tokens(r.minEligibleSupply, r.tokenSymbol)} earn`
            : `waiting: fewer than ${tokens(r.minEligibleSupply, r.tokenSymbol)} earn, so streams are paused and deposits wait`,
        ],
        ...(mine.excluded
          ? [
              [
                "Yours",
                mine.excludedBySelf
                  ? `excluded by you: your tokens earn nothing (npx hardhat revenue exclude ${r.slug} --undo to undo)`
                  : `excluded by the DAO before it held anything: your tokens earn nothing until you include them (npx hardhat revenue exclude ${r.slug} --undo)`,
              ] as [string, string],
            ]
          : []),
      ]),
      "",
      table(
        [
          "asset",
          "status",
          "stream",
          "deposited",
          "streamed (released)",
          "claimed",
          "outstanding",
          "still streaming",
          "reserve",
          "held",
          "yours to claim",
        ],
        r.assets.map((a, i) => {
          const amount = (value: bigint) => money(value, a.asset);
          return [
            a.asset.symbol,
            a.active ? "accepted" : "removed",
            a.streamDuration === 0
              ? "at once"
              : `${formatDuration(a.streamDuration)}${a.streamEnd ? `, until ${when(a.streamEnd)}` : ""}`,
            amount(a.deposited),
            amount(a.released),
            amount(a.claimed),
            amount(a.outstanding),
            amount(a.unreleased),
            amount(a.reserve),
            amount(a.held),
            amount(mine.claimable[i]?.amount ?? 0n),
          ];
        }),
      ),
    ];
    if (!r.scan.complete) {
      lines.push(
        "",
        `The totals count events from block ${r.scan.fromBlock} only, after the first deposits: they leave earlier ones out.`,
      );
    }
    if (mine.claimable.some((c) => c.amount > 0n))
      lines.push("", `Claim yours with: npx hardhat revenue claim ${r.slug}`);
    return lines.join("\n");
  });
});
