import { money, moneyList, tokens, vestingAmounts, when } from "../cli/amounts.js";
import { print, table } from "../cli/output.js";
import { optionalAddress } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"portfolio">(async (args, scope) => {
  const whose = optionalAddress(args.address);
  const context = await scope.open();
  const { client } = context;
  const account = whose ?? context.account;
  const p = await client.offering.getPortfolio(account);
  print(args.json, p, () => {
    if (p.entries.length === 0)
      return `${p.account} holds no model tokens, has no deposits, vests nothing and has no revenue to claim.`;
    const delegateOf = (delegate: string | undefined) =>
      delegate === undefined ? "none (not voting)" : delegate === p.account ? "self" : delegate;
    const lines = [
      `Portfolio of ${p.account}: ${p.totals.models} model(s).`,
      table(
        [
          "model",
          "held",
          "votes",
          "delegate",
          "sale",
          "deposit to settle",
          "tokens due",
          "refund due",
          "vesting",
          "total",
          "revenue to claim",
        ],
        p.entries.map((e) => [
          e.slug,
          tokens(e.balance, e.tokenSymbol),
          tokens(e.votes, e.tokenSymbol),
          delegateOf(e.delegate),
          e.status,
          e.pendingSettlement ? money(e.position.deposited, e.payment) : "-",
          e.pendingSettlement ? tokens(e.position.tokens, e.tokenSymbol) : "-",
          e.pendingSettlement ? money(e.position.refund, e.payment) : "-",
          e.vesting.length
            ? tokens(
                e.vesting.reduce((sum, v) => sum + v.balance, 0n),
                e.tokenSymbol,
              )
            : "-",
          tokens(e.totalTokens, e.tokenSymbol),
          moneyList(e.revenue, "-"),
        ]),
      ),
    ];
    const vesting = p.entries.flatMap((e) => e.vesting.map((v) => ({ e, v })));
    if (vesting.length > 0) {
      lines.push(
        "",
        "Vesting wallets you are the beneficiary of:",
        table(
          ["model", "wallet", "holds", "released", "releasable", "votes go to", "cliff", "end"],
          vesting.map(({ e, v }) => [
            e.slug,
            v.wallet,
            ...vestingAmounts(v, e.tokenSymbol),
            delegateOf(v.delegate),
            when(v.cliff),
            when(v.end),
          ]),
        ),
      );
    }
    if (p.totals.pendingSettlements > 0) {
      const refunds = p.totals.refundsDue.map((r) => money(r.amount, r.asset)).join(", ");
      lines.push(
        "",
        `${p.totals.pendingSettlements} deposit(s) to settle${refunds ? `, with refunds of ${refunds}` : ""}: npx hardhat imo settle <model>`,
      );
    }
    if (p.totals.claimableRevenue.length > 0) {
      lines.push("", `${moneyList(p.totals.claimableRevenue)} of revenue to claim: npx hardhat revenue claim <model>`);
    }
    return lines.join("\n");
  });
});
