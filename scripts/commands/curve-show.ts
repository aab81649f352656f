import { money, tokens, when } from "../cli/amounts.js";
import { curveLines, progress } from "../cli/curve.js";
import { print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"curve show">(async (args, scope) => {
  const { client } = await scope.open();
  const c = await client.curve.show(args.slug);
  print(args.json, c, () =>
    [
      `${c.slug}'s curve is ${c.status}: ${progress(c, { money })} raised, ${c.tokenSymbol} at ${money(c.price, c.payment)}.`,
      curveLines(c, { money, tokens, when }),
    ].join("\n"),
  );
});
