import type { ContractTransaction } from "ethers";
import type { CID } from "multiformats/cid";

import type { IModelRegistry } from "../contracts.js";
import { SdkError, withDecodedReverts } from "../errors.js";
import { cidFromBytes, cidToBytes, parseCid } from "../ipfs/cid.js";
import type { AddProgress, PullResult } from "../ipfs/types.js";
import { ChainCidMismatchError } from "./errors.js";
import { findEvent, interfaces, requireIpfs, resolveCard, resolveContent, send } from "./internal.js";
import type {
  LineageEntry,
  ModelCard,
  ModelRef,
  ModelView,
  RegistryContext,
  VersionRefView,
  VersionSelector,
  VersionView,
  WriteResult,
} from "./types.js";

/** The most versions the contract returns in one page. */
export const VERSION_PAGE = 100;

// ---------------------------------------------------------------------------------------------- reads

/**
 * Reads a model by id or slug.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const model = await client.registry.getModel("face-landmark-68");
 * console.log(model.id, model.owner, model.versionCount);
 */
export async function getModel(context: RegistryContext, model: ModelRef): Promise<ModelView> {
  const info = await withDecodedReverts(interfaces, () =>
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
 * Reads one version: by index, by `{ tag }`, or `"latest"` (the newest version not deprecated).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const latest = await client.registry.getVersion({ model: "face-landmark-68", version: "latest" });
 * const tagged = await client.registry.getVersion({ model: 1n, version: { tag: "v1.0.0" } });
 */
export async function getVersion(context: RegistryContext, params: GetVersionParameters): Promise<VersionView> {
  const id = await resolveModelId(context, params.model);
  const { version } = params;
  const info = await withDecodedReverts(interfaces, () => {
    if (version === "latest") return context.registry.latestVersion(id);
    if (typeof version === "object") return context.registry.getVersionByTag(id, version.tag);
    return context.registry.getVersion(id, version);
  });
  return toVersionView(info);
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
 * history costs one round trip, not one per page.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * for (const v of await client.registry.listVersions({ model: "face-landmark-68" })) console.log(v.tag);
 */
export async function listVersions(context: RegistryContext, params: ListVersionsParameters): Promise<VersionView[]> {
  const model = await getModel(context, params.model);
  const offset = params.offset ?? 0;
  const end = Math.min(model.versionCount, params.limit === undefined ? Infinity : offset + params.limit);
  const pages: Promise<IModelRegistry.VersionInfoStructOutput[]>[] = [];
  for (let start = offset; start < end; start += VERSION_PAGE) {
    const size = Math.min(VERSION_PAGE, end - start);
    pages.push(withDecodedReverts(interfaces, () => context.registry.getVersions(model.id, start, size)));
  }
  return (await Promise.all(pages)).flat().map(toVersionView);
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
 * import { createClient } from "open-model-registry/sdk";
 * const chain = await client.registry.getLineage({ model: "face-landmark-68-tiny", version: "latest" });
 * console.log(chain.map((v) => `${v.slug}@${v.tag}`).join(" <- "));
 */
export async function getLineage(context: RegistryContext, params: GetLineageParameters): Promise<LineageEntry[]> {
  const start = await getVersion(context, params);
  const refs = await withDecodedReverts(interfaces, () =>
    context.registry.lineage(start.model, start.index, params.maxDepth ?? 32),
  );
  const versions = [start, ...(await Promise.all(refs.map((ref) => getVersion(context, {
    model: ref.model,
    version: ref.index,
  }))))];
  const slugs = new Map<bigint, Promise<string>>();
  for (const v of versions) {
    if (!slugs.has(v.model)) slugs.set(v.model, getModel(context, v.model).then((m) => m.slug));
  }
  return Promise.all(versions.map(async (v) => ({ ...v, slug: await slugs.get(v.model)! })));
}

/**
 * Whether `account` may publish versions of `model` (its owner, an approved operator or a publisher).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * if (!(await client.registry.canPublish({ model: "my-model", account }))) console.log("ask the owner");
 */
export async function canPublish(context: RegistryContext, params: { model: ModelRef; account: string }): Promise<boolean> {
  const id = await resolveModelId(context, params.model);
  return withDecodedReverts(interfaces, () => context.registry.canPublish(id, params.account));
}

// --------------------------------------------------------------------------------------------- writes

/** Parameters of {@link registerModel}. */
export interface RegisterModelParameters {
  slug: string;
  /** SPDX licence identifier or expression, e.g. `MIT`. */
  license: string;
  /** The model card: uploaded to IPFS and linked. Give `metadataCid` instead when it is uploaded already. */
  card?: ModelCard;
  metadataCid?: CID | string;
}

/** What {@link prepareRegisterModel} returns: the unsigned transaction and the card's CID. */
export interface PreparedRegisterModel {
  transaction: ContractTransaction;
  metadataCid: CID;
}

/**
 * Uploads the model card (when given) and builds the registration transaction without sending it, for
 * multisigs, hardware wallets or a relayer.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { transaction } = await client.registry.prepareRegisterModel({ slug: "my-model", license: "MIT", card });
 * await safe.propose(transaction);
 */
export async function prepareRegisterModel(
  context: RegistryContext,
  params: RegisterModelParameters,
): Promise<PreparedRegisterModel> {
  const metadataCid = await resolveCard(context, params);
  const transaction = await context.registry.register.populateTransaction(
    params.slug,
    cidToBytes(metadataCid),
    params.license,
  );
  return { transaction, metadataCid };
}

/**
 * Registers a model in one step: uploads its card to IPFS, sends the transaction and returns the new model. The
 * slug is public from the moment the transaction is sent, and someone who sees it can register it first; the
 * registry also refuses one-step registration while any commitment is pending. {@link commitRegistration} and
 * {@link registerCommitted} register without showing the slug until it is taken.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.registry.registerModel({
 *   slug: "face-landmark-68",
 *   license: "MIT",
 *   card: { name: "Face landmark 68", framework: "tensorflowjs" },
 * });
 * console.log(result.id);
 */
export async function registerModel(
  context: RegistryContext,
  params: RegisterModelParameters,
): Promise<WriteResult<ModelView>> {
  const metadataCid = await resolveCard(context, params);
  const receipt = await send(() => context.registry.register(params.slug, cidToBytes(metadataCid), params.license));
  const event = findEvent(receipt, "ModelRegistered");
  return { receipt, result: await getModel(context, event.args.model as bigint) };
}

/** Parameters of {@link publishVersion}. */
export interface PublishVersionParameters {
  model: ModelRef;
  /** Unique within the model, e.g. `v1.0.0`. */
  tag: string;
  /** A local file or directory to upload, or the CID of weights already on IPFS. */
  weights: string | CID;
  /** A local configuration file to upload, or its CID. */
  config?: string | CID;
  /** The version this one derives from (fine-tune, distillation, fork), in this or any model. */
  parent?: { model: ModelRef; version: VersionSelector };
  /** CIDs of the datasets the version was trained on. */
  datasets?: (string | CID)[];
  /** Upload progress: bytes done and total. */
  onProgress?: (progress: AddProgress) => void;
}

/** What {@link preparePublishVersion} returns. */
export interface PreparedPublishVersion {
  transaction: ContractTransaction;
  weightsCid: CID;
  configCid?: CID;
}

/**
 * Uploads the weights (and config) and builds the publish transaction without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { transaction, weightsCid } = await client.registry.preparePublishVersion({
 *   model: "my-model", tag: "v1.0.0", weights: "./weights",
 * });
 */
export async function preparePublishVersion(
  context: RegistryContext,
  params: PublishVersionParameters,
): Promise<PreparedPublishVersion> {
  const id = await resolveModelId(context, params.model);
  const weightsCid = await resolveContent(context, params.weights, params.onProgress);
  const configCid = params.config === undefined ? undefined : await resolveContent(context, params.config);
  let parent: IModelRegistry.VersionRefStruct = { model: 0n, index: 0n };
  if (params.parent) {
    const version = await getVersion(context, params.parent);
    parent = { model: version.model, index: version.index };
  }
  const transaction = await context.registry.publish.populateTransaction(id, {
    weightsCid: cidToBytes(weightsCid),
    configCid: configCid ? cidToBytes(configCid) : "0x",
    tag: params.tag,
    parent,
    datasetCids: (params.datasets ?? []).map((cid) => cidToBytes(typeof cid === "string" ? parseCid(cid) : cid)),
  });
  return { transaction, weightsCid, configCid };
}

/**
 * Publishes a version: uploads the weights directory to IPFS (pinned), then records its CID on chain.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.registry.publishVersion({
 *   model: "face-landmark-68-tiny",
 *   tag: "v1.0.0",
 *   weights: "./models/face_landmark_68_tiny",
 *   parent: { model: "face-landmark-68", version: { tag: "v1.0.0" } },
 *   onProgress: ({ bytes, total }) => console.log(`${bytes}/${total}`),
 * });
 * console.log(result.weightsCid.toString());
 */
export async function publishVersion(
  context: RegistryContext,
  params: PublishVersionParameters,
): Promise<WriteResult<VersionView>> {
  const { transaction } = await preparePublishVersion(context, params);
  const runner = context.registry.runner;
  if (!runner?.sendTransaction) throw new SdkError("Publishing needs a signer: connect the client to one.");
  const receipt = await send(() => runner.sendTransaction!(transaction));
  const event = findEvent(receipt, "VersionPublished");
  return {
    receipt,
    result: await getVersion(context, { model: event.args.model as bigint, version: event.args.index as bigint }),
  };
}

/** Parameters of {@link deprecateVersion}. */
export interface DeprecateVersionParameters {
  model: ModelRef;
  version: VersionSelector;
  /** Shown to everyone who reads the version: 1 to 280 bytes. */
  reason: string;
}

/**
 * Marks a version deprecated, as `npm deprecate` does: it stays readable and pullable, but "latest" skips it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.registry.deprecateVersion({ model: "my-model", version: { tag: "v1.0.0" }, reason: "use v1.1.0" });
 */
export async function deprecateVersion(
  context: RegistryContext,
  params: DeprecateVersionParameters,
): Promise<WriteResult<VersionView>> {
  const version = await getVersion(context, params);
  const receipt = await send(() => context.registry.deprecate(version.model, version.index, params.reason));
  return { receipt, result: await getVersion(context, { model: version.model, version: version.index }) };
}

/**
 * Lifts a version's deprecation.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.registry.undeprecateVersion({ model: "my-model", version: 0 });
 */
export async function undeprecateVersion(
  context: RegistryContext,
  params: GetVersionParameters,
): Promise<WriteResult<VersionView>> {
  const version = await getVersion(context, params);
  const receipt = await send(() => context.registry.undeprecate(version.model, version.index));
  return { receipt, result: await getVersion(context, { model: version.model, version: version.index }) };
}

/** Parameters of {@link setPublisher}. */
export interface SetPublisherParameters {
  model: ModelRef;
  account: string;
  allowed: boolean;
}

/**
 * Grants or revokes an account's right to publish and deprecate versions of a model (owner only).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * await client.registry.setPublisher({ model: "my-model", account: ci, allowed: true });
 */
export async function setPublisher(context: RegistryContext, params: SetPublisherParameters): Promise<WriteResult<string[]>> {
  const id = await resolveModelId(context, params.model);
  const receipt = await send(() => context.registry.setPublisher(id, params.account, params.allowed));
  return { receipt, result: await context.registry.publishers(id) };
}

// ---------------------------------------------------------------------------------------------- IPFS

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
 * import { createClient } from "open-model-registry/sdk";
 * const { version, pulled } = await client.registry.pullVersion({
 *   model: "face-landmark-68", version: "latest", destination: "./face_landmark_68",
 * });
 */
export async function pullVersion(
  context: RegistryContext,
  params: PullVersionParameters,
): Promise<{ version: VersionView; pulled: PullResult }> {
  const ipfs = requireIpfs(context);
  const version = await getVersion(context, params);
  const pulled = await ipfs.pull(version.weightsCid, params.destination, { onProgress: params.onProgress });
  if (!pulled.cid.equals(version.weightsCid)) {
    throw new ChainCidMismatchError(
      `The content pulled has CID ${pulled.cid}, but the chain records ${version.weightsCid}.`,
    );
  }
  return { version, pulled };
}

// ------------------------------------------------------------------------------------------- helpers

/**
 * The numeric id of a model named by id or slug.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
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
