import { money, tokens, when } from "../cli/amounts.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve graduate">(async (args, scope) => {
  const { client } = await scope.open();
  const { result, receipt } = await client.curve.graduate({ model: args.slug });
  const c = await client.curve.show(args.slug);
  const g = result.graduated;
  print(args.json, { ...result, transaction: receipt.hash, gasUsed: receipt.gasUsed }, () =>
    [
      g
        ? `Graduated ${args.slug}: its pool ${result.pair} opened at ${money(c.finalPrice, c.payment)} per ${c.tokenSymbol}.`
        : `Graduated ${args.slug}, but its pool could not be opened: the reserve and tokens went to the DAO treasury.`,
      fields([
        ["Into the pool", g ? `${tokens(g.tokens, c.tokenSymbol)} and ${money(g.quote, c.payment)}` : undefined],
        [
          "LP lock",
          g ? `#${g.lockId}: ${tokens(g.liquidity, "LP")} for ${c.treasury} until ${when(g.unlockAt)}` : undefined,
        ],
        ["Why", result.notOpened ? (result.notOpened.message ?? result.notOpened.reason) : undefined],
        ["Trade it", g ? `npx hardhat market swap ${args.slug} buy 0.1` : undefined],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
