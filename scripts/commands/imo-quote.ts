import { money, tokens } from "../cli/amounts.js";
import { fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";

const outcomes: Record<string, string> = {
  Failed: "below the soft cap: every deposit would be refunded",
  Succeeded: "between the caps: every deposit buys at the price",
  Oversubscribed: "above the hard cap: every deposit would be filled pro rata, the rest refunded",
  Cancelled: "the sale is cancelled",
};

export default command<"imo quote">(async (args, scope) => {
  const context = await scope.open();
  const q = await context.client.offering.quote({ model: args.slug, amount: args.amount });
  const pay = (amount: bigint) => money(amount, q.payment);
  print(args.json, q, () =>
    [
      `If ${args.slug}'s sale closed now with a deposit of ${pay(q.amount)}, it would buy ${tokens(q.tokens, q.tokenSymbol)} and refund ${pay(q.refund)}.`,
      fields([
        ["Outcome", outcomes[q.outcome] ? `${q.outcome} (${outcomes[q.outcome]})` : q.outcome],
        ["Raised with it", pay(q.raised)],
        ["Sale", q.status === "Live" ? "live: deposits are open" : `${q.status}: deposits are not open`],
      ]),
    ].join("\n"),
  );
});
