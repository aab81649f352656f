import { money, tokens, vestingAmounts, when } from "../cli/amounts.js";
import { offeringPoolLines } from "../cli/market.js";
import { OfferingIsCurveError } from "../../sdk/src/index.js";
import { CliError, fields, print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo show">(async (args, scope) => {
  const context = await scope.open();
  const { client } = context;
  const o = await client.offering.getOffering(args.slug).catch((error: unknown) => {
    if (error instanceof OfferingIsCurveError) {
      throw new CliError(
        `${args.slug} launched on a bonding curve, not through a sale.`,
        `See it with: npx hardhat curve show ${args.slug}`,
        { cause: error },
      );
    }
    throw error;
  });
  const pay = (amount: bigint) => money(amount, o.payment);
  const share = o.hardCap > 0n ? ` (${Number((o.raised * 1000n) / o.hardCap) / 10}% of the hard cap)` : "";
  print(args.json, o, () => {
    const lines = [
      fields([
        ["Model", `${o.slug} (#${o.model})`],
        ["Token", `${o.tokenName} (${o.tokenSymbol}) ${o.token}`],
        ["Status", o.finalised ? `${o.status} (final)` : o.status],
        [
          "Paid in",
          o.payment.isEth ? "ETH" : `${o.payment.symbol} ${o.payment.address} (${o.payment.decimals} decimals)`,
        ],
        ["Price", `${pay(o.price)} per ${o.tokenSymbol}`],
        ["On sale", tokens(o.tokensForSale, o.tokenSymbol)],
        ["Raised", `${pay(o.raised)}${share}`],
        [
          "Caps",
          `soft ${pay(o.softCap)}, hard ${pay(o.hardCap)}${o.params.walletCap > 0n ? `, per wallet ${pay(o.params.walletCap)}` : ""}`,
        ],
        ["Window", `${when(o.start)} to ${when(o.end)}`],
        ["Allowlist", o.params.merkleRoot ? `root ${o.params.merkleRoot}` : "none (open to everyone)"],
        [
          "Kept",
          o.finalised ? `${pay(o.totals.accepted)}, ${tokens(o.totals.tokensSold, o.tokenSymbol)} sold` : undefined,
        ],
        ["Settled", `${pay(o.totals.settled)} of ${pay(o.totals.deposits)} deposited`],
        [
          "Protocol fee",
          `${o.fee.bps / 100}% to ${o.fee.recipient}${o.totals.feeOwed > 0n ? ` (${pay(o.totals.feeOwed)} owed)` : ""}`,
        ],
        ["Sale", o.offering],
        ["Governor", o.governor],
        ["Timelock", `${o.timelock} (treasury)`],
        ["Team", o.admin],
      ]),
    ];
    const pool = offeringPoolLines(o, { money, tokens, when });
    if (pool) lines.push("", pool);
    if (o.vestingWallets.length > 0) {
      lines.push(
        "",
        "Vesting wallets:",
        table(
          ["wallet", "beneficiary", "holds", "released", "releasable", "cliff", "end"],
          o.vestingWallets.map((v) => [
            v.wallet,
            v.beneficiary,
            ...vestingAmounts(v, o.tokenSymbol),
            when(v.cliff),
            when(v.end),
          ]),
        ),
      );
    }
    return lines.join("\n");
  });
});
