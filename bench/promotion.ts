// Gas of promotion: binding a subnet to its model, funding the bounty, a miner declaring its candidate's parent, a
// promotion (the registry's publish included) and a bounty's claim, whole-transaction, and how a promotion grows with
// the promotions made before it and with the UIDs of the subnet (it must not: a promotion reads the subnet's leader
// record, one word kept by the epoch, and the registry's latest version, which is read from the end).
//
// Every figure is taken on a scene of the same kind: a model registered with one version published by its owner,
// who makes promotion one of its publishers; a subnet recording the model, whose validator (staked, holding its
// permit) gives all its weight to one miner; the miner publishes a candidate, and the epoch that starts after it
// makes the miner the leader with a streak of one, which the binding's rule asks for. Each binding pays a bounty in
// a token of its own, funded by the model's owner. Before every measured promotion the miner has claimed what it was
// credited, so that each credits a bounty to an empty balance, as a coldkey's first does.
//
// `promote` is the scene's first promotion: the parent is the model's latest live version (its owner's). `declareParent`
// and `promote.declaredParent` are the second, on a new candidate that names the owner's version as its parent
// (measured from a snapshot, which the growth then restarts from). The growth: the same promotion once 1, 10 and 100
// promotions were made under the binding (each a new candidate and an epoch), and the first promotion on subnets of
// 16, 64 and 256 UIDs (filled by hotkey contracts without weights or stake). The figures without a state are a
// two-UID subnet's.
import type { NetworkConnection } from "hardhat/types/network";

import { cidN, ONE, TOKENS } from "../test/fixtures/constants.js";
import { SMALL_SUBNET } from "../test/fixtures/subnets.js";
import { deployLinked } from "../test/utils/linked.js";
import { gasOf, type GasEntry } from "./registry.js";
import type {
  MockHotkeyFactory,
  MockSubnetToken,
  ModelRegistry,
  Promotion,
  Subnets,
} from "../types/typechain/index.js";

/** Past promotions under the binding at which a promotion is measured again. */
const PAST_PROMOTIONS = [1, 10, 100] as const;
/** Subnet sizes at which a first promotion is measured again. */
const UIDS = [16, 64, 256] as const;
/** Epochs in a row the binding asks for: the cost of a promotion does not depend on it (the streak is one word). */
const MIN_STREAK = 1;
/** The bounty credited on each promotion, and what each binding's escrow is funded with (enough for every round). */
const BOUNTY = TOKENS(100);
const ESCROW = TOKENS(100_000);
/** A subnet of up to 256 UIDs whose weights may be set at every block and without commit and reveal. */
const HYPERPARAMETERS = { ...SMALL_SUBNET, maxUids: 256, commitReveal: false, weightsRateLimit: 0 };
/** Hotkey contracts registered in one transaction when filling a subnet. */
const FILL_BATCH = 32;

/** The targets, set on the typical scene's figures, and where the gas of each goes while it is missed. */
/**
 * Targets: a promotion, registry publish and bounty credit included, within 250,000 gas (five new words: the
 * registry's four and the promotion's record, plus the coldkey's credit); a binding within 150,000.
 */
const TARGETS: Record<string, number> = {
  "promotion.bind": 150_000,
  "promotion.promote": 250_000,
};

/** A subnet bound (or to be bound) to a model of its own, with its validator and its leading miner. */
interface Scene {
  model: bigint;
  netuid: bigint;
  minerUid: bigint;
}

export async function measurePromotion(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const [deployer, modelOwner, subnetOwner, validator, miner, keeper] = await ethers.getSigners();
  const entries: GasEntry[] = [];
  const record = (name: string, gas: number) => {
    const target = TARGETS[name];
    entries.push({ name, gas, ...(target ? { target } : {}) });
  };

  const registry = (await ethers.deployContract("ModelRegistry", deployer)) as unknown as ModelRegistry;
  const subnets = (await deployLinked(ethers, "Subnets", [deployer.address, 0n])) as unknown as Subnets;
  const promotion = (await ethers.deployContract("Promotion", [
    registry.target,
    subnets.target,
  ])) as unknown as Promotion;
  const stakeToken = (await ethers.deployContract("MockSubnetToken", ["STK", 18])) as unknown as MockSubnetToken;
  const rewardToken = (await ethers.deployContract("MockSubnetToken", ["RWD", 18])) as unknown as MockSubnetToken;
  const bountyToken = (await ethers.deployContract("MockSubnetToken", ["BNT", 18])) as unknown as MockSubnetToken;
  const factory = (await ethers.deployContract("MockHotkeyFactory")) as unknown as MockHotkeyFactory;
  for (const signer of [subnetOwner, validator, miner]) {
    await (await stakeToken.mint(signer.address, 1_000_000n * ONE)).wait();
    await (await rewardToken.mint(signer.address, 1_000_000n * ONE)).wait();
    await (await stakeToken.connect(signer).approve(subnets.target, ethers.MaxUint256)).wait();
    await (await rewardToken.connect(signer).approve(subnets.target, ethers.MaxUint256)).wait();
  }
  await (await bountyToken.mint(modelOwner.address, 10n * ESCROW)).wait();
  await (await bountyToken.connect(modelOwner).approve(promotion.target, ethers.MaxUint256)).wait();

  let cids = 0;
  const runEpoch = async (netuid: bigint) => {
    const info = await subnets.subnet(netuid);
    const now = BigInt(await ethers.provider.getBlockNumber());
    if (now + 1n < info.nextEpochBlock) await networkHelpers.mine(Number(info.nextEpochBlock - now - 1n));
    do await (await subnets.connect(keeper).advanceEpoch(netuid, [])).wait();
    while ((await subnets.subnet(netuid)).epochRunning);
  };
  /**
   * The miner publishes a new candidate, the validator weights it alone, and the epoch after the next (the first whose
   * tempo began after the candidate) counts it: the miner leads with a streak of one.
   */
  const lead = async ({ netuid, minerUid }: Scene) => {
    await (await subnets.connect(miner).publishCandidate(netuid, cidN(++cids), "0x")).wait();
    await (await subnets.connect(validator).setWeights(netuid, [minerUid], [65_535], 0n)).wait();
    await runEpoch(netuid);
    await runEpoch(netuid);
    const leader = await subnets.leaderOf(netuid);
    if (!leader.exists || leader.uid !== minerUid || leader.streak < BigInt(MIN_STREAK)) {
      throw new Error(`Subnet ${netuid}: the miner (UID ${minerUid}) does not lead (UID ${leader.uid}).`);
    }
  };
  /** A new scene on a subnet of `uids` UIDs, its miner leading; unbound. */
  const scene = async (uids: number): Promise<Scene> => {
    await (await registry.connect(modelOwner).register(`model-${++cids}`, cidN(cids), "Apache-2.0")).wait();
    const model = await registry.modelCount();
    await (
      await registry.connect(modelOwner).publish(model, {
        weightsCid: cidN(++cids),
        configCid: "0x",
        tag: "v1.0.0",
        parent: { model: 0n, index: 0n },
        datasetCids: [],
      })
    ).wait();
    await (await registry.connect(modelOwner).setPublisher(model, promotion.target, true)).wait();
    await (
      await subnets.connect(subnetOwner).createSubnet({
        stakeToken: stakeToken.target as string,
        rewardToken: rewardToken.target as string,
        model,
        metadataCid: cidN(++cids),
        hyperparameters: HYPERPARAMETERS,
      })
    ).wait();
    const netuid = await subnets.subnetCount();
    await (await subnets.connect(subnetOwner).fund(netuid, TOKENS(100_000))).wait();
    for (const hotkey of [validator, miner]) {
      await (await subnets.connect(hotkey).register(netuid, hotkey.address, hotkey.address, ethers.MaxUint256)).wait();
    }
    for (let left = uids - 2; left > 0; left -= FILL_BATCH) {
      const count = Math.min(FILL_BATCH, left);
      await (await factory.create(subnets.target, netuid, rewardToken.target, HYPERPARAMETERS.maxPrice, count)).wait();
    }
    await (await subnets.connect(validator).stake(netuid, validator.address, 1_000n * ONE)).wait();
    // Stake counts from the start of the epoch after the next, when the validator receives its permit.
    await runEpoch(netuid);
    await runEpoch(netuid);
    const [, minerUid] = await subnets.uidOf(netuid, miner.address);
    const s = { model, netuid, minerUid };
    await lead(s);
    return s;
  };
  const bind = ({ model, netuid }: Scene) =>
    gasOf(
      promotion.connect(modelOwner).bind(netuid, {
        model,
        minStreak: MIN_STREAK,
        bountyToken: bountyToken.target as string,
        bounty: BOUNTY,
        tagPrefix: "",
      }),
    );
  const fund = ({ netuid }: Scene) => gasOf(promotion.connect(modelOwner).fund(netuid, ESCROW));
  const claim = () => gasOf(promotion.connect(miner).claimBounty(bountyToken.target, miner.address));
  /** A promotion by a keeper, from an empty bounty balance, that credits the bounty and names `parent`. */
  const promote = async ({ model, netuid }: Scene, parent: bigint) => {
    if ((await promotion.bountyOf(miner.address, bountyToken.target)) !== 0n) await claim();
    const c = await promotion.check(netuid);
    if (c.status !== 0n || c.bounty !== BOUNTY || c.parent.model !== model || c.parent.index !== parent) {
      throw new Error(`Subnet ${netuid}: not the promotion measured (status ${c.status}, parent ${c.parent.index}).`);
    }
    return gasOf(promotion.connect(keeper).promote(netuid));
  };
  const latest = async ({ model }: Scene) => (await registry.latestVersion(model)).index;

  // ---- The typical scene: a two-UID subnet, its binding, its escrow, its first promotion and the bounty's claim.
  const main = await scene(2);
  record("promotion.bind", await bind(main));
  record("promotion.fund", await fund(main));
  record("promotion.promote", await promote(main, await latest(main)));
  record("promotion.claimBounty", await claim());

  // ---- A second candidate that declares the owner's version (not the latest) its parent.
  const beforeDeclaration = await networkHelpers.takeSnapshot();
  await (await subnets.connect(miner).publishCandidate(main.netuid, cidN(++cids), "0x")).wait();
  record(
    "promotion.declareParent",
    await gasOf(promotion.connect(miner).declareParent(main.netuid, { model: main.model, index: 0n })),
  );
  await (await subnets.connect(validator).setWeights(main.netuid, [main.minerUid], [65_535], 0n)).wait();
  await runEpoch(main.netuid);
  await runEpoch(main.netuid);
  record("promotion.promote.declaredParent", await promote(main, 0n));
  await beforeDeclaration.restore();

  // ---- The same promotion after 1, 10 and 100 under the binding, each on a new candidate.
  let past = 1;
  for (const count of PAST_PROMOTIONS) {
    for (; past < count; past++) {
      await lead(main);
      await promote(main, await latest(main));
    }
    await lead(main);
    record(`promotion.promote.atPromotions${count}`, await promote(main, await latest(main)));
    past++;
  }

  // ---- A first promotion on subnets of 16, 64 and 256 UIDs.
  for (const uids of UIDS) {
    const s = await scene(uids);
    await bind(s);
    await fund(s);
    record(`promotion.promote.atUids${uids}`, await promote(s, await latest(s)));
  }
  return entries;
}
