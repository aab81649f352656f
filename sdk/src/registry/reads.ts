import { pullRecorded, requireIpfs } from "../content.js";
import { getAddress } from "ethers";

import { Promotion__factory, type IModelRegistry } from "../contracts.js";
import { cidFromBytes } from "../ipfs/cid.js";
import type { PullResult } from "../ipfs/types.js";
import { io } from "./internal.js";
import type {
  LineageEntry,
  ModelRef,
  ModelView,
  RegistryContext,
  VersionRefView,
  VersionSelector,
  VersionView,
} from "./types.js";

// Reading the registry: models, versions, lineage and publishers, and pulling a version's weights from IPFS.

/** The most versions the contract returns in one page. */
export const VERSION_PAGE = 100;

/**
 * Reads a model by id or slug.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const model = await client.registry.getModel("face-landmark-68");
 * console.log(model.id, model.owner, model.versionCount);
 */
export async function getModel(context: RegistryContext, model: ModelRef): Promise<ModelView> {
  const info = await io.read(() =>
    typeof model === "string" ? context.registry.getModelBySlug(model) : context.registry.getModel(model),
  );
  return {
    id: info.id,
    slug: info.slug,
    owner: info.owner,
    metadataCid: cidFromBytes(info.metadataCid),
    license: info.license,
    registeredAt: new Date(Number(info.registeredAt) * 1000),
    versionCount: Number(info.versionCount),
  };
}

/** Parameters of {@link getVersion}. */
export interface GetVersionParameters {
  model: ModelRef;
  version: VersionSelector;
}

/**
 * Reads one version: by index, by `{ tag }`, or `"latest"` (the newest version not deprecated). A version a subnet's
 * promotion published names its subnet, UID, miner hotkey and coldkey (`contribution`).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const latest = await client.registry.getVersion({ model: "face-landmark-68", version: "latest" });
 * const tagged = await client.registry.getVersion({ model: 1n, version: { tag: "v1.0.0" } });
 */
export async function getVersion(context: RegistryContext, params: GetVersionParameters): Promise<VersionView> {
  const id = await resolveModelId(context, params.model);
  const { version } = params;
  const info = await io.read(() => {
    if (version === "latest") return context.registry.latestVersion(id);
    if (typeof version === "object") return context.registry.getVersionByTag(id, version.tag);
    return context.registry.getVersion(id, version);
  });
  const [view] = await withContributions(context, [toVersionView(info)]);
  return view;
}

/** Parameters of {@link listVersions}. */
export interface ListVersionsParameters {
  model: ModelRef;
  /** First index; 0 by default. */
  offset?: number;
  /** How many at most; all by default. */
  limit?: number;
}

/**
 * Lists a model's versions, oldest first. Pages are read in parallel (one batch of RPC calls), so a long
 * history costs one round trip, not one per page. Versions a subnet's promotion published name their subnet, UID,
 * miner hotkey and coldkey (`contribution`), read in one more batch.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const v of await client.registry.listVersions({ model: "face-landmark-68" })) console.log(v.tag);
 */
export async function listVersions(context: RegistryContext, params: ListVersionsParameters): Promise<VersionView[]> {
  const model = await getModel(context, params.model);
  const offset = params.offset ?? 0;
  const end = Math.min(model.versionCount, params.limit === undefined ? Infinity : offset + params.limit);
  const pages: Promise<IModelRegistry.VersionInfoStructOutput[]>[] = [];
  for (let start = offset; start < end; start += VERSION_PAGE) {
    const size = Math.min(VERSION_PAGE, end - start);
    pages.push(io.read(() => context.registry.getVersions(model.id, start, size)));
  }
  return withContributions(context, (await Promise.all(pages)).flat().map(toVersionView));
}

/**
 * The versions, those published by the deployment's Promotion contract with their contribution (its
 * `contributionOf`, read for them alone, in one batch of calls sent together).
 */
async function withContributions(context: RegistryContext, versions: VersionView[]): Promise<VersionView[]> {
  const found = context.deployment?.contracts.Promotion?.address;
  if (!found) return versions;
  const promotion = Promotion__factory.connect(found, context.runner);
  const promoted = versions.filter((v) => getAddress(v.publisher) === getAddress(found));
  const read = await io.read(() => Promise.all(promoted.map((v) => promotion.contributionOf(v.model, v.index))));
  promoted.forEach((v, i) => {
    const [yes, c] = read[i];
    if (yes) {
      v.contribution = {
        netuid: c.netuid,
        uid: Number(c.uid),
        hotkey: getAddress(c.hotkey),
        coldkey: getAddress(c.coldkey),
        epoch: c.epoch,
      };
    }
  });
  return versions;
}

/** Parameters of {@link getLineage}. */
export interface GetLineageParameters {
  model: ModelRef;
  version: VersionSelector;
  /** How many ancestors to follow at most; 32 by default. */
  maxDepth?: number;
}

/**
 * The version and its ancestors, the version first, each with its model's slug: how a fine-tune or a
 * distillation descends from the models before it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const chain = await client.registry.getLineage({ model: "face-landmark-68-tiny", version: "latest" });
 * console.log(chain.map((v) => `${v.slug}@${v.tag}`).join(" <- "));
 */
export async function getLineage(context: RegistryContext, params: GetLineageParameters): Promise<LineageEntry[]> {
  const start = await getVersion(context, params);
  const refs = await io.read(() => context.registry.lineage(start.model, start.index, params.maxDepth ?? 32));
  const versions = [
    start,
    ...(await Promise.all(
      refs.map((ref) =>
        getVersion(context, {
          model: ref.model,
          version: ref.index,
        }),
      ),
    )),
  ];
  const slugs = new Map<bigint, Promise<string>>();
  for (const v of versions) {
    if (!slugs.has(v.model))
      slugs.set(
        v.model,
        getModel(context, v.model).then((m) => m.slug),
      );
  }
  return Promise.all(versions.map(async (v) => ({ ...v, slug: await slugs.get(v.model)! })));
}

/**
 * Whether `account` may publish versions of `model` (its owner, an approved operator or a publisher).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * if (!(await client.registry.canPublish({ model: "my-model", account }))) console.log("ask the owner");
 */
export async function canPublish(
  context: RegistryContext,
  params: { model: ModelRef; account: string },
): Promise<boolean> {
  const id = await resolveModelId(context, params.model);
  return io.read(() => context.registry.canPublish(id, params.account));
}

/** Parameters of {@link pullVersion}. */
export interface PullVersionParameters {
  model: ModelRef;
  version: VersionSelector;
  /** Where the weights go; must not exist yet. */
  destination: string;
  onProgress?: (progress: { bytes: number; total: number }) => void;
}

/**
 * Downloads a version's weights and checks them against the CID on chain: every block is hash-checked and
 * the root must be the recorded CID, so what lands on disk is exactly what was published.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { version, pulled } = await client.registry.pullVersion({
 *   model: "face-landmark-68", version: "latest", destination: "./face_landmark_68",
 * });
 */
export async function pullVersion(
  context: RegistryContext,
  params: PullVersionParameters,
): Promise<{ version: VersionView; pulled: PullResult }> {
  const ipfs = requireIpfs(context.ipfs, "Pulling a version");
  const version = await getVersion(context, params);
  const pulled = await pullRecorded(ipfs, version.weightsCid, params.destination, {
    what: `version ${version.tag}`,
    onProgress: params.onProgress,
  });
  return { version, pulled };
}

/**
 * The numeric id of a model named by id or slug.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const id = await client.registry.resolveModelId("face-landmark-68"); // 1n
 */
export async function resolveModelId(context: RegistryContext, model: ModelRef): Promise<bigint> {
  if (typeof model !== "string") return BigInt(model);
  return (await getModel(context, model)).id;
}

function toVersionView(info: IModelRegistry.VersionInfoStructOutput): VersionView {
  const parent: VersionRefView | undefined = info.hasParent
    ? { model: info.parent.model, index: Number(info.parent.index) }
    : undefined;
  return {
    model: info.model,
    index: Number(info.index),
    tag: info.tag,
    weightsCid: cidFromBytes(info.weightsCid),
    configCid: info.configCid === "0x" ? undefined : cidFromBytes(info.configCid),
    parent,
    datasetCids: info.datasetCids.map((cid) => cidFromBytes(cid)),
    publisher: info.publisher,
    publishedAt: new Date(Number(info.publishedAt) * 1000),
    deprecated: info.deprecated,
    deprecationReason: info.deprecated ? info.deprecationReason : undefined,
  };
}
