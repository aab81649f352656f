import { money, when } from "../cli/amounts.js";
import { print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo list">(async (args, scope) => {
  const context = await scope.open();
  const offerings = await context.client.offering.listOfferings();
  print(args.json, offerings, () =>
    offerings.length === 0
      ? "No model has been launched yet."
      : table(
          ["model", "token", "status", "raised", "soft cap", "hard cap", "price per token", "start", "end"],
          offerings.map((o) => [
            o.slug,
            o.tokenSymbol,
            o.status,
            money(o.raised, o.payment),
            money(o.softCap, o.payment),
            money(o.hardCap, o.payment),
            money(o.price, o.payment),
            when(o.start),
            when(o.end),
          ]),
        ),
  );
});
