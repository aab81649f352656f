import type { VersionContribution } from "../../sdk/src/index.js";
import { print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"model versions">(async (args, scope) => {
  const context = await scope.open();
  const { registry } = context.client;
  const versions = await registry.listVersions({ model: args.slug });
  // A parent is named `slug#index`: another model's slug is read once per model.
  const slugs = new Map<bigint, string>();
  for (const v of versions) {
    if (v.parent && v.parent.model !== v.model && !slugs.has(v.parent.model))
      slugs.set(v.parent.model, (await registry.getModel(v.parent.model)).slug);
  }
  const parentOf = (v: (typeof versions)[number]) =>
    v.parent === undefined ? undefined : `${slugs.get(v.parent.model) ?? args.slug}#${v.parent.index}`;
  const promoted = versions.some((v) => v.contribution);
  const shown = versions.map((v) => (v.parent ? { ...v, parentSlug: slugs.get(v.parent.model) ?? args.slug } : v));
  print(args.json, shown, () =>
    versions.length === 0
      ? `${args.slug} has no versions yet.`
      : table(
          ["#", "tag", "weights CID", "parent", "published", "status", ...(promoted ? ["from"] : [])],
          versions.map((v) => [
            v.index,
            v.tag,
            v.weightsCid.toString(),
            parentOf(v) ?? "-",
            v.publishedAt.toISOString().slice(0, 16).replace("T", " "),
            v.deprecated ? `deprecated: ${v.deprecationReason}` : "live",
            ...(promoted ? [contributor(v.contribution)] : []),
          ]),
        ),
  );
});

/** Where a promoted version came from: "subnet 1 UID 2 (hotkey 0x…, coldkey 0x…)"; "-" for one published otherwise. */
function contributor(c: VersionContribution | undefined): string {
  return c ? `subnet ${c.netuid} UID ${c.uid} (hotkey ${c.hotkey}, coldkey ${c.coldkey})` : "-";
}
