import type { ContractTransaction } from "ethers";
import type { CID } from "multiformats/cid";

import { uploadContent } from "../content.js";
import type { IModelRegistry } from "../contracts.js";
import { cidToBytes, parseCid } from "../ipfs/cid.js";
import type { AddProgress } from "../ipfs/types.js";
import { io, registryAddress, resolveCard } from "./internal.js";
import { getModel, getVersion, resolveModelId, type GetVersionParameters } from "./reads.js";
import type {
  ModelCard,
  ModelRef,
  ModelView,
  PreparedVersionChange,
  RegistryContext,
  VersionSelector,
  VersionView,
  WriteResult,
} from "./types.js";

// Writing to the registry: registering a model in one step, publishing versions, deprecating them, and naming
// who may publish. Each write also comes as `prepare...`, which builds the transaction without sending it.

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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
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
  const { transaction } = await prepareRegisterModel(context, params);
  const receipt = await io.send(context, transaction, "Registering");
  const event = io.findEvent(receipt, await registryAddress(context), "ModelRegistered");
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, weightsCid } = await client.registry.preparePublishVersion({
 *   model: "my-model", tag: "v1.0.0", weights: "./weights",
 * });
 */
export async function preparePublishVersion(
  context: RegistryContext,
  params: PublishVersionParameters,
): Promise<PreparedPublishVersion> {
  const id = await resolveModelId(context, params.model);
  const weightsCid = await uploadContent(
    context.ipfs,
    { content: params.weights, onProgress: params.onProgress },
    "Uploading weights",
  );
  const configCid =
    params.config === undefined
      ? undefined
      : await uploadContent(context.ipfs, { content: params.config }, "Uploading a configuration");
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
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
  const receipt = await io.send(context, transaction, "Publishing");
  const event = io.findEvent(receipt, await registryAddress(context), "VersionPublished");
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
 * Builds a version's deprecation without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.registry.prepareDeprecateVersion({ model: "my-model", version: { tag: "v1.0.0" }, reason: "use v1.1.0" });
 */
export async function prepareDeprecateVersion(
  context: RegistryContext,
  params: DeprecateVersionParameters,
): Promise<PreparedVersionChange> {
  const version = await getVersion(context, params);
  const transaction = await context.registry.deprecate.populateTransaction(version.model, version.index, params.reason);
  return { transaction, version };
}

/**
 * Marks a version deprecated, as `npm deprecate` does: it stays readable and pullable, but "latest" skips it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.registry.deprecateVersion({ model: "my-model", version: { tag: "v1.0.0" }, reason: "use v1.1.0" });
 */
export async function deprecateVersion(
  context: RegistryContext,
  params: DeprecateVersionParameters,
): Promise<WriteResult<VersionView>> {
  return sendVersionChange(context, await prepareDeprecateVersion(context, params), "Deprecating");
}

/**
 * Builds the lifting of a version's deprecation without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.registry.prepareUndeprecateVersion({ model: "my-model", version: 0 });
 */
export async function prepareUndeprecateVersion(
  context: RegistryContext,
  params: GetVersionParameters,
): Promise<PreparedVersionChange> {
  const version = await getVersion(context, params);
  const transaction = await context.registry.undeprecate.populateTransaction(version.model, version.index);
  return { transaction, version };
}

/**
 * Lifts a version's deprecation.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.registry.undeprecateVersion({ model: "my-model", version: 0 });
 */
export async function undeprecateVersion(
  context: RegistryContext,
  params: GetVersionParameters,
): Promise<WriteResult<VersionView>> {
  return sendVersionChange(context, await prepareUndeprecateVersion(context, params), "Lifting a deprecation");
}

/** Parameters of {@link setPublisher}. */
export interface SetPublisherParameters {
  model: ModelRef;
  account: string;
  allowed: boolean;
}

/** What {@link prepareSetPublisher} returns: the transaction and the model's id. */
export interface PreparedSetPublisher {
  transaction: ContractTransaction;
  model: bigint;
}

/**
 * Builds a grant or revocation of an account's right to publish without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.registry.prepareSetPublisher({ model: "my-model", account: ci, allowed: true });
 */
export async function prepareSetPublisher(
  context: RegistryContext,
  params: SetPublisherParameters,
): Promise<PreparedSetPublisher> {
  const model = await resolveModelId(context, params.model);
  const transaction = await context.registry.setPublisher.populateTransaction(model, params.account, params.allowed);
  return { transaction, model };
}

/**
 * Grants or revokes an account's right to publish and deprecate versions of a model (owner only).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.registry.setPublisher({ model: "my-model", account: ci, allowed: true });
 */
export async function setPublisher(
  context: RegistryContext,
  params: SetPublisherParameters,
): Promise<WriteResult<string[]>> {
  const { transaction, model } = await prepareSetPublisher(context, params);
  const receipt = await io.send(context, transaction, "Setting a publisher");
  return { receipt, result: await context.registry.publishers(model) };
}

/** Sends a change of a version and reads the version back after it. */
async function sendVersionChange(
  context: RegistryContext,
  prepared: PreparedVersionChange,
  what: string,
): Promise<WriteResult<VersionView>> {
  const receipt = await io.send(context, prepared.transaction, what);
  return {
    receipt,
    result: await getVersion(context, { model: prepared.version.model, version: prepared.version.index }),
  };
}
