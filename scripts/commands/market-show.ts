import { money, tokens, when } from "../cli/amounts.js";
import { marketLines } from "../cli/market.js";
import { print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"market show">(async (args, scope) => {
  const { client } = await scope.open();
  const m = await client.market.show(args.slug);
  print(args.json, m, () => {
    const opened = m.exists && m.reserves.tokens > 0n;
    const curve = m.kind === "curve";
    const headline = opened
      ? `${m.slug}'s pool trades ${m.tokenSymbol} at ${money(m.price!, m.quote)} per token (${curve ? "the curve graduated at" : "the sale sold at"} ${money(m.salePrice, m.quote)}).`
      : m.notOpened
        ? curve
          ? `${m.slug}'s curve could not open its pool when it graduated: its reserve and tokens went to the DAO treasury.`
          : `${m.slug}'s sale could not open its pool: the reserve and the share of the proceeds went to the DAO treasury.`
        : curve
          ? `${m.slug}'s pool is not open yet: its bonding curve opens it when it graduates (the curve is ${m.status}, at ${money(m.salePrice, m.quote)} per token now).`
          : `${m.slug}'s pool is not open yet: the sale opens it at its price of ${money(m.salePrice, m.quote)} when it succeeds (the sale is ${m.status}).`;
    return [headline, marketLines(m, { money, tokens, when })].join("\n");
  });
});
