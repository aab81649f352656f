import type { ContractRunner, ContractTransaction, TransactionReceipt } from "ethers";
import type { CID } from "multiformats/cid";

import type { ModelRegistry } from "../contracts.js";
import type { Deployment } from "../deployments.js";
import type { IpfsBackend } from "../ipfs/types.js";

/** A model named by its id or by its slug. */
export type ModelRef = bigint | number | string;

/** A version named by its index, by its tag, or `"latest"` for the newest one not deprecated. */
export type VersionSelector = bigint | number | "latest" | { tag: string };

/**
 * The model card stored on IPFS and linked from the registry: what a person needs to know about the model.
 * Extra fields are kept as they are.
 */
export interface ModelCard {
  name: string;
  description?: string;
  /** Where the model comes from: paper, repository or homepage. */
  homepage?: string;
  /** The framework or format of the weights, e.g. `tensorflowjs`, `safetensors`, `gguf`. */
  framework?: string;
  /** Free-form labels: task, modality, language. */
  tags?: string[];
  [field: string]: unknown;
}

/** A registered model as the SDK returns it. */
export interface ModelView {
  id: bigint;
  slug: string;
  owner: string;
  metadataCid: CID;
  license: string;
  registeredAt: Date;
  versionCount: number;
}

/** A reference to one version of one model. */
export interface VersionRefView {
  model: bigint;
  index: number;
}

/** A published version as the SDK returns it. */
export interface VersionView {
  model: bigint;
  index: number;
  tag: string;
  weightsCid: CID;
  configCid?: CID;
  parent?: VersionRefView;
  datasetCids: CID[];
  publisher: string;
  publishedAt: Date;
  deprecated: boolean;
  deprecationReason?: string;
  /**
   * Where the version came from when a subnet's promotion published it (its publisher is Promotion): read by
   * {@link listVersions}; undefined otherwise.
   */
  contribution?: VersionContribution;
}

/** Where a promoted version came from: its subnet, the miner's UID, hotkey and coldkey, and the epoch. */
export interface VersionContribution {
  netuid: bigint;
  uid: number;
  /** The miner's hotkey, and the coldkey credited with the bounty. */
  hotkey: string;
  coldkey: string;
  /** The subnet's completed epochs when promoted (the epoch in the tag). */
  epoch: bigint;
}

/** An ancestor in a lineage, with its model's slug for display. */
export interface LineageEntry extends VersionView {
  slug: string;
}

/** A sent transaction's receipt together with what it did. */
export interface WriteResult<T> {
  receipt: TransactionReceipt;
  result: T;
}

/**
 * What the registry actions work with: the runner (a Signer to write, a Provider to read), the registry bound to
 * it, and an IPFS backend to upload and pull content. Every `ProtocolContext` is one.
 */
export interface RegistryContext {
  runner: ContractRunner;
  registry: ModelRegistry;
  ipfs?: IpfsBackend;
  /** Where the protocol's other contracts are: versions published by its Promotion contract name their origin. */
  deployment?: Deployment;
}

/** A registry transaction built and not sent (see the `prepare...` actions), with the version it changes. */
export interface PreparedVersionChange {
  transaction: ContractTransaction;
  version: VersionView;
}
