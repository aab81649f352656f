import { money, when } from "../cli/amounts.js";
import { progress } from "../cli/curve.js";
import { print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo list">(async (args, scope) => {
  const context = await scope.open();
  const launches = await context.client.offering.listLaunches();
  print(args.json, launches, () =>
    launches.length === 0
      ? "No model has been launched yet."
      : table(
          ["model", "token", "status", "raised", "soft cap", "hard cap", "price per token", "start", "end", "kind"],
          launches.map((l) =>
            l.kind === "curve"
              ? [
                  l.slug,
                  l.tokenSymbol,
                  l.status,
                  money(l.reserve, l.payment),
                  "-",
                  money(l.targetQuote, l.payment),
                  money(l.price, l.payment),
                  "-",
                  when(l.deadline),
                  `curve ${progress(l, { money })}`,
                ]
              : [
                  l.slug,
                  l.tokenSymbol,
                  l.status,
                  money(l.raised, l.payment),
                  money(l.softCap, l.payment),
                  money(l.hardCap, l.payment),
                  money(l.price, l.payment),
                  when(l.start),
                  when(l.end),
                  "sale",
                ],
          ),
        ),
  );
});
