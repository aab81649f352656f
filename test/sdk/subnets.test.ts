import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { parseEther, type Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import { deployLinked } from "../utils/linked.js";
import {
  createClient,
  createEmbeddedIpfs,
  decodeMetagraphWord,
  ERC20InsufficientBalanceError,
  InvalidWeightsError,
  parseWeights,
  ProtocolToken__factory,
  readWeightCommits,
  removeWeightCommits,
  saveWeightCommit,
  type SdkError,
  SubnetAlreadyRegisteredError,
  SubnetNothingToClaimError,
  SubnetStakeUnbondingError,
  SubnetNotOwnerError,
  SubnetPriceAboveMaxError,
  SubnetsNotDeployedError,
  fixedProportionToU16,
  Subnets__factory,
  toU16Weights,
  unpackU16Row,
  WeightRevealError,
  type Client,
  type DeployedContract,
  type Deployment,
  type IpfsBackend,
  type StoredWeightCommit,
  type SubnetHyperparameters,
} from "../../sdk/src/index.js";
import { MockStablecoin__factory, YumaEpoch__factory, type MockStablecoin } from "../../types/typechain/index.js";
import { ONE, USDC } from "../fixtures/constants.js";
import { expectEveryErrorNamed, failure } from "./fixture.js";

const HOTKEY = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("SDK subnets module", function () {
  it("has a named class and a sentence for every custom error of the subnet contract and its epoch", function () {
    const names = [
      ...expectEveryErrorNamed("Subnets", Subnets__factory.createInterface()),
      ...expectEveryErrorNamed("YumaEpoch", YumaEpoch__factory.createInterface()),
    ];
    expect(names).to.include.members([
      "SubnetAlphaBoundsInvalid",
      "SubnetAlphaSteepnessTooHigh",
      "SubnetWeightsVersionTooLow",
    ]);
  });

  describe("weights, packing and the salt store", function () {
    let scratch: string;

    before(async function () {
      scratch = await mkdtemp(path.join(os.tmpdir(), "subnet-commits-"));
    });
    after(async function () {
      await rm(scratch, { recursive: true, force: true });
    });

    it("scales weights so that the largest is 65535, sorted by UID, zeros left out", function () {
      expect(toU16Weights([2, 0, 1], [0.2, 0.5, 0.3])).to.deep.equal({
        uids: [0, 1, 2],
        weights: [65535, 39321, 26214],
      });
      expect(toU16Weights([5, 3], [1n, 3n])).to.deep.equal({ uids: [3, 5], weights: [65535, 21845] });
      expect(toU16Weights([0, 1], [1, 0])).to.deep.equal({ uids: [0], weights: [65535] });
      expect(() => toU16Weights([1, 1], [1, 2])).to.throw(InvalidWeightsError, "UID 1 is given more than once.");
      expect(() => toU16Weights([0], [0])).to.throw(InvalidWeightsError, "Every weight is zero");
      expect(() => toU16Weights([0, 1], [1])).to.throw(InvalidWeightsError, "2 UIDs were given with 1 weights");
      expect(() => toU16Weights([300], [1], 255)).to.throw(
        InvalidWeightsError,
        "UID 300 is not a UID of this subnet (0 to 255).",
      );
      expect(() => toU16Weights([0], [-1])).to.throw(InvalidWeightsError, "not negative");
      // Kept on demand: a UID named with a zero weight is an entry of the row (liquid alpha keeps its bond).
      expect(toU16Weights([1, 0], [0, 1], 255, { keepZeros: true })).to.deep.equal({
        uids: [0, 1],
        weights: [65535, 0],
      });
    });

    it("parses uid:weight pairs as the CLI takes them", function () {
      expect(parseWeights("0:0.7, 3:0.3")).to.deep.equal({ uids: [0, 3], weights: [0.7, 0.3] });
      expect(parseWeights("1=2 2=1")).to.deep.equal({ uids: [1, 2], weights: [2, 1] });
      expect(() => parseWeights("0:a")).to.throw(InvalidWeightsError, '"0:a" is not a weight');
      expect(() => parseWeights("")).to.throw(InvalidWeightsError, "No weights were given");
    });

    it("unpacks metagraph words and u16 rows as the contract packs them", function () {
      const word = 1n | (2n << 16n) | (3n << 32n) | (4n << 48n) | (5n << 64n) | (123456789n << 80n) | (42n << 176n);
      expect(decodeMetagraphWord(word)).to.deep.equal({
        consensus: 1,
        incentive: 2,
        dividends: 3,
        validatorTrust: 4,
        trust: 5,
        rank: 2,
        emission: 123456789n,
        unclaimed: 42n,
      });
      // The emission saturates below what is yet to claim.
      expect(decodeMetagraphWord(((1n << 96n) - 1n) << 80n).emission).to.equal((1n << 96n) - 1n);
      // Column 17 lives in word 1 at bit 16.
      expect(unpackU16Row([7n | (9n << 32n), 11n << 16n], 20)).to.deep.equal([
        [0, 7],
        [2, 9],
        [17, 11],
      ]);
      expect(unpackU16Row([0xffffn << 48n], 3)).to.deep.equal([]);
      // UIDs named with a zero weight stay entries.
      expect(unpackU16Row([7n], 3, 0b110n)).to.deep.equal([
        [0, 7],
        [1, 0],
        [2, 0],
      ]);
    });

    it("keeps commits per chain, contract, subnet and hotkey in a file only its owner reads, and removes them by hash", async function () {
      const file = path.join(scratch, "nested", "commits.json");
      const key = { chainId: 31337, contract: CONTRACT, netuid: 1n, hotkey: HOTKEY };
      const entry = (hash: string, netuid = "1"): StoredWeightCommit => ({
        chainId: 31337,
        contract: CONTRACT,
        netuid,
        hotkey: HOTKEY,
        hash,
        uids: [0, 1],
        weights: [65535, 100],
        salt: `0x${"11".repeat(32)}`,
        versionKey: "0",
        commitEpoch: "3",
        revealEpoch: "4",
        blockNumber: 10,
        transaction: `0x${"22".repeat(32)}`,
        createdAt: new Date(0).toISOString(),
      });
      expect(await readWeightCommits(file, key)).to.deep.equal([]);
      await saveWeightCommit(file, entry("0xaa"));
      await saveWeightCommit(file, entry("0xbb"));
      await saveWeightCommit(file, entry("0xaa", "2"));
      await saveWeightCommit(file, { ...entry("0xaa"), blockNumber: 11 });
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      const found = await readWeightCommits(file, { ...key, hotkey: HOTKEY.toLowerCase() });
      expect(found.map((c) => [c.hash, c.blockNumber])).to.deep.equal([
        ["0xbb", 10],
        ["0xaa", 11],
      ]);
      expect(await removeWeightCommits(file, key, ["0xAA"])).to.equal(1);
      expect((await readWeightCommits(file, key)).map((c) => c.hash)).to.deep.equal(["0xbb"]);
      expect((await readWeightCommits(file, { ...key, netuid: 2n })).map((c) => c.hash)).to.deep.equal(["0xaa"]);
      const stored = JSON.parse(await readFile(file, "utf8")) as { version: number; commits: unknown[] };
      expect(stored.version).to.equal(1);
      expect(stored.commits).to.have.length(2);

      // Writers at once (several subnets' validators sharing the file) lose nobody's salt.
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => saveWeightCommit(file, entry(`0x${(i + 16).toString(16)}`, "3"))),
      );
      expect(await readWeightCommits(file, { ...key, netuid: 3n })).to.have.length(12);
    });
  });

  // One subnet lived through from the SDK: created by the owner, three hotkeys registered at the quoted price,
  // stake (own and delegated), a validator's commit kept on disk and revealed by a fresh client, epochs run step
  // by step, the metagraph checked against the off-chain preview (once with bonds), rewards claimed, and the
  // contract's refusals said in words.
  describe("a subnet's life", function () {
    const TEMPO = 5;
    let connection: NetworkConnection;
    let deployment: Deployment;
    let scratch: string;
    let commits: string;
    let ipfs: IpfsBackend;
    let owner: Signer, validator: Signer, minerA: Signer, minerB: Signer, stranger: Signer;
    let addr: Record<"owner" | "validator" | "minerA" | "minerB" | "stranger", string>;
    let as: (signer: Signer) => Client;
    let usd: MockStablecoin;
    let netuid: bigint;

    /** The owner creates a subnet staked in the protocol token and paying USDC, with the hyperparameters given. */
    function createSubnet(hyperparameters: Partial<SubnetHyperparameters>) {
      return as(owner).subnets.createSubnet({
        stakeToken: deployment.contracts.ProtocolToken!.address,
        rewardToken: usd.target as string,
        hyperparameters: { tempo: TEMPO, weightsRateLimit: 0, ...hyperparameters },
      });
    }

    /** Mines blocks until the subnet's next epoch is due, then runs it with the SDK; returns the steps reported. */
    async function runEpoch(by: Signer = stranger): Promise<{ steps: number[]; paid: bigint; totals: number[] }> {
      const subnet = await as(by).subnets.getSubnet(netuid);
      const now = BigInt(await connection.ethers.provider.getBlockNumber());
      if (subnet.nextEpochBlock > now + 1n)
        await connection.networkHelpers.mine(Number(subnet.nextEpochBlock - now - 1n));
      const steps: number[] = [];
      const totals: number[] = [];
      const result = await as(by).subnets.advanceEpoch({
        netuid,
        onStep: (p) => {
          steps.push(p.step);
          totals.push(p.total);
        },
      });
      expect(result.steps).to.equal(steps.length);
      await expectConsensusGuessed(result.transactions);
      return { steps, paid: result.paid, totals };
    }

    /** The first step carries the consensus guesses, and they are the consensus the epoch then stored. */
    async function expectConsensusGuessed(transactions: string[]): Promise<void> {
      const tx = await connection.ethers.provider.getTransaction(transactions[1]);
      const [, hints] = Subnets__factory.createInterface().decodeFunctionData("advanceEpoch", tx!.data) as unknown as [
        bigint,
        bigint[],
      ];
      const metagraph = await as(stranger).subnets.getMetagraph(netuid);
      expect(hints).to.have.length(Math.ceil(metagraph.neurons.length / 4));
      const guessed = metagraph.neurons.map((_, uid) =>
        fixedProportionToU16(BigInt.asUintN(64, hints[uid >> 2] >> BigInt(64 * (uid & 3)))),
      );
      expect(guessed).to.deep.equal(metagraph.neurons.map((u) => u.consensus));
    }

    /** The metagraph's figures must equal what the preview predicted, UID by UID. */
    async function expectMetagraphAsPredicted(
      preview: Awaited<ReturnType<Client["subnets"]["previewEpoch"]>>,
    ): Promise<void> {
      const metagraph = await as(stranger).subnets.getMetagraph(netuid);
      expect(metagraph.neurons).to.have.length(preview.neurons.length);
      for (const predicted of preview.neurons) {
        const actual = metagraph.neurons[predicted.uid];
        expect(
          {
            consensus: actual.consensus,
            incentive: actual.incentive,
            dividends: actual.dividends,
            validatorTrust: actual.validatorTrust,
            emission: actual.emission,
            permit: actual.validatorPermit,
          },
          `UID ${predicted.uid}`,
        ).to.deep.equal({
          consensus: predicted.consensus,
          incentive: predicted.incentive,
          dividends: predicted.dividends,
          validatorTrust: predicted.validatorTrust,
          emission: predicted.emission,
          permit: predicted.validatorPermit,
        });
      }
    }

    before(async function () {
      connection = await network.create();
      [owner, validator, minerA, minerB, stranger] = await connection.ethers.getSigners();
      addr = {
        owner: await owner.getAddress(),
        validator: await validator.getAddress(),
        minerA: await minerA.getAddress(),
        minerB: await minerB.getAddress(),
        stranger: await stranger.getAddress(),
      };
      const protocol = await deployProtocol(connection, { record: false });
      deployment = {
        ...protocol,
        contracts: { ...protocol.contracts, Subnets: await deploySubnets(connection, addr.owner) },
      };
      scratch = await mkdtemp(path.join(os.tmpdir(), "sdk-subnets-"));
      commits = path.join(scratch, "validator", "commits.json");
      ipfs = await createEmbeddedIpfs({ directory: path.join(scratch, "ipfs") });
      as = (signer) => createClient({ runner: signer, deployment, ipfs });
      usd = await new MockStablecoin__factory(owner).deploy();
      for (const who of [addr.owner, addr.validator, addr.minerA, addr.minerB])
        await (await usd.mint(who, USDC(10_000))).wait();
    });

    after(async function () {
      await ipfs?.close();
      await connection?.close();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it("creates a subnet for the creation fee, with the defaults and the changes given", async function () {
      const before = await connection.ethers.provider.getBalance(deployment.contracts.Subnets!.address);
      const { result } = await createSubnet({
        minPrice: USDC(1),
        maxPrice: USDC(1_000),
        priceHalfLife: 100,
        emission: USDC(100),
      });
      netuid = result.subnet.netuid;
      expect(netuid).to.equal(1n);
      expect(result.fee).to.equal(CREATION_FEE);
      expect(await connection.ethers.provider.getBalance(deployment.contracts.Subnets!.address)).to.equal(
        before + CREATION_FEE,
      );
      expect(result.subnet).to.deep.include({
        owner: addr.owner,
        n: 0,
        epochNumber: 0n,
        epochRunning: false,
        rewardPool: 0n,
      });
      expect(result.subnet.stakeToken).to.deep.include({ symbol: "OMP", decimals: 18 });
      expect(result.subnet.rewardToken).to.deep.include({ symbol: "mUSD", decimals: 6 });
      expect(result.subnet.hyperparameters).to.deep.include({
        tempo: TEMPO,
        kappa: 32_767,
        commitReveal: true,
        revealPeriod: 1,
        emission: USDC(100),
      });
      expect((await as(stranger).subnets.listSubnets()).map((s) => s.netuid)).to.deep.equal([1n]);
    });

    it("registers three hotkeys at the quoted price, paid into the reward pool, and refuses a second registration", async function () {
      let pool = 0n;
      for (const [i, signer] of [validator, minerA, minerB].entries()) {
        const quote = await as(signer).subnets.quoteRegistration({ netuid });
        expect(quote.maxPrice).to.equal(quote.price + (quote.price * 1_000n + 9_999n) / 10_000n);
        const { result } = await as(signer).subnets.registerNeuron({ netuid });
        expect(result.uid).to.equal(i);
        expect(result.hotkey).to.equal(await signer.getAddress());
        expect(result.coldkey).to.equal(await signer.getAddress());
        expect(result.price).to.be.at.most(quote.price).and.greaterThan(0n);
        expect(result.approval, "an approval was needed").to.not.equal(undefined);
        pool += result.price;
      }
      expect((await as(stranger).subnets.getSubnet(netuid)).rewardPool).to.equal(pool);

      const again = await failure(as(minerA).subnets.registerNeuron({ netuid }));
      expect(again).to.be.instanceOf(SubnetAlreadyRegisteredError);
      expect((again as SubnetAlreadyRegisteredError).shortMessage).to.equal(
        `${addr.minerA} already holds UID 1 on subnet 1.`,
      );
      const cheap = await failure(as(stranger).subnets.registerNeuron({ netuid, maxPrice: "0.000001" }));
      expect(cheap).to.be.instanceOf(SubnetPriceAboveMaxError);
      expect((cheap as SubnetPriceAboveMaxError).shortMessage).to.match(
        /^Registering costs \d+ now, more than the 1 you accept/,
      );
    });

    it("stakes on the validator's own hotkey and by delegation, and funds the pool", async function () {
      const omp = ProtocolToken__factory.connect(deployment.contracts.ProtocolToken!.address, owner);
      await (await omp.transfer(addr.validator, 2_000n * ONE)).wait();
      const own = await as(validator).subnets.addStake({ netuid, amount: "1000" });
      expect(own.result).to.deep.include({
        hotkey: addr.validator,
        staker: addr.validator,
        amount: 1_000n * ONE,
        position: 1_000n * ONE,
      });
      const delegated = await as(owner).subnets.delegateStake({ netuid, hotkey: addr.validator, amount: "500" });
      expect(delegated.result).to.deep.include({ staker: addr.owner, position: 500n * ONE, hotkeyStake: 1_500n * ONE });
      const funded = await as(owner).subnets.fundSubnet({ netuid, amount: "1000" });
      expect(funded.result.amount).to.equal(USDC(1_000));
    });

    it("builds stakes and registrations for another account without sending them, refusing a payment it cannot make", async function () {
      const readOnly = createClient({ runner: connection.ethers.provider, deployment });
      const stake = await readOnly.subnets.prepareAddStake({ netuid, amount: "10", account: addr.validator });
      // The validator's allowance was used up: an approval, then the stake.
      expect(stake.map((t) => t.to)).to.deep.equal([
        deployment.contracts.ProtocolToken!.address,
        deployment.contracts.Subnets!.address,
      ]);
      const broke = await failure(readOnly.subnets.prepareRegisterNeuron({ netuid, account: addr.stranger }));
      expect(broke).to.be.instanceOf(ERC20InsufficientBalanceError);
      expect((broke as ERC20InsufficientBalanceError).shortMessage).to.contain(addr.stranger);

      const subnets = Subnets__factory.createInterface();
      const fund = await readOnly.subnets.prepareFundSubnet({ netuid, amount: "5", account: addr.owner });
      expect(fund.amount).to.equal(USDC(5));
      expect(fund.transactions.map((t) => t.to)).to.deep.equal([
        await usd.getAddress(),
        deployment.contracts.Subnets!.address,
      ]);
      const take = await readOnly.subnets.prepareSetDelegateTake({ netuid, take: 0.1, account: addr.validator });
      expect([...subnets.decodeFunctionData("setTake", take.data)]).to.deep.equal([netuid, addr.validator, 6554n]);
      const nomination = await readOnly.subnets.prepareDelegateStake({
        netuid,
        hotkey: addr.validator,
        amount: "5",
        account: addr.owner,
      });
      expect(subnets.parseTransaction(nomination.at(-1)!)?.args.hotkey).to.equal(addr.validator);
      expect(await failure(readOnly.subnets.prepareClaimRewards({ netuid, account: addr.stranger }))).to.be.instanceOf(
        SubnetNothingToClaimError,
      );
    });

    it("runs the first epochs step by step, giving the staked validator its permit once its stake counts, as predicted", async function () {
      // The first epoch pays for the tempo in which the stake arrived: the stake does not count in it.
      let preview = await as(stranger).subnets.previewEpoch(netuid);
      expect(preview.emission + preview.ownerCut + preview.keeperReward).to.equal(USDC(100));
      expect(preview.ownerCut).to.equal((USDC(100) * 11_796n) / 65_535n);
      await runEpoch();
      await expectMetagraphAsPredicted(preview);
      let metagraph = await as(stranger).subnets.getMetagraph(netuid);
      expect(metagraph.neurons.map((u) => u.validatorPermit)).to.deep.equal([false, false, false]);
      expect(metagraph.neurons[0].stake).to.equal(0n);
      preview = await as(stranger).subnets.previewEpoch(netuid);
      const { steps, totals } = await runEpoch();
      expect(steps).to.deep.equal(Array.from({ length: steps.length }, (_, i) => i + 1));
      expect(steps.length).to.be.greaterThan(1);
      expect(totals.at(-1)).to.equal(steps.length);
      await expectMetagraphAsPredicted(preview);
      metagraph = await as(stranger).subnets.getMetagraph(netuid);
      expect(metagraph.epochNumber).to.equal(2n);
      expect(metagraph.neurons.map((u) => u.validatorPermit)).to.deep.equal([true, false, false]);
      expect(metagraph.neurons[0].stake).to.equal(1_500n * ONE);
    });

    it("commits weights with the salt kept on disk, refuses an early reveal, and reveals from a fresh client after the next epoch", async function () {
      const { result, file } = await as(validator).subnets.commitWeights({
        netuid,
        uids: [1, 2],
        weights: [0.75, 0.25],
        commitsFile: commits,
      });
      expect(file).to.equal(commits);
      expect(result).to.deep.include({
        uids: [1, 2],
        weights: [65535, 21845],
        commitEpoch: "2",
        revealEpoch: "3",
        versionKey: "0",
      });
      expect(result.salt).to.match(/^0x[0-9a-f]{64}$/);
      const kept = JSON.parse(await readFile(commits, "utf8")) as { commits: StoredWeightCommit[] };
      expect(kept.commits).to.have.length(1);
      expect(kept.commits[0]).to.deep.include({
        hash: result.hash,
        salt: result.salt,
        hotkey: addr.validator,
        netuid: "1",
      });
      expect(kept.commits[0].blockNumber).to.be.greaterThan(0);

      const early = await failure(as(validator).subnets.revealWeights({ netuid, commitsFile: commits }));
      expect(early).to.be.instanceOf(WeightRevealError);
      expect((early as WeightRevealError).shortMessage).to.match(
        /^Too early: the commit of epoch 2 is revealed when 3 epochs are complete, and 2 are \(1 more to run; the next may start from block \d+\)\.$/,
      );

      await runEpoch();
      // A validator restarted: a new client, the same file.
      const restarted = createClient({ runner: validator, deployment });
      const revealed = await restarted.subnets.revealWeights({ netuid, commitsFile: commits });
      expect(revealed.result).to.deep.include({ uids: [1, 2], weights: [65535, 21845] });
      expect(
        await readWeightCommits(commits, {
          chainId: 31337,
          contract: deployment.contracts.Subnets!.address,
          netuid,
          hotkey: addr.validator,
        }),
      ).to.deep.equal([]);
      const again = await failure(restarted.subnets.revealWeights({ netuid, commitsFile: commits }));
      expect((again as WeightRevealError).shortMessage).to.equal(
        `UID 0 of ${addr.validator} has no pending weight commit on subnet 1.`,
      );
    });

    it("pays the epoch as previewed: incentive to the miners by weight, dividends to the validator, twice (the second with bonds)", async function () {
      for (let round = 0; round < 2; round++) {
        const preview = await as(stranger).subnets.previewEpoch(netuid);
        const { paid } = await runEpoch();
        await expectMetagraphAsPredicted(preview);
        expect(paid).to.equal(preview.neurons.reduce((sum, u) => sum + u.emission, 0n));
        const [v, a, b] = preview.neurons;
        expect(a.incentive).to.be.greaterThan(b.incentive);
        expect(a.incentive + b.incentive).to.be.within(65_534, 65_535);
        expect(v.dividends).to.equal(65_535);
        expect(v.validatorTrust).to.be.greaterThan(0);
      }
      // Bonds were written by the earlier epochs, and the preview read them.
      const preview = await as(stranger).subnets.previewEpoch(netuid);
      expect(preview.input.bonds[0].length).to.be.greaterThan(0);
      // Switched to Yuma3 bonds, then liquid alpha, the epoch still pays as previewed, and back.
      const modes = [
        { yuma3: true, liquidAlpha: false },
        { yuma3: true, liquidAlpha: true, alphaLow: 6553, alphaHigh: 19660, alphaSigmoidSteepness: 1000 },
        { yuma3: false, liquidAlpha: false },
      ];
      for (const changes of modes) {
        const queued = await as(owner).subnets.setSubnetHyperparameters({ netuid, changes });
        // Queued for the epoch after the next: the next one still runs under the rules in force.
        const now = await as(stranger).subnets.getSubnet(netuid);
        expect(queued.result.from).to.equal(now.epochNumber + 2n);
        expect(now.queuedHyperparameters?.hyperparameters.yuma3).to.equal(changes.yuma3);
        const under = await as(stranger).subnets.previewEpoch(netuid);
        expect(under.input.yuma3).to.equal(now.hyperparameters.yuma3);
        await runEpoch();
        await expectMetagraphAsPredicted(under);
        const next = await as(stranger).subnets.previewEpoch(netuid);
        expect(next.input.yuma3).to.equal(changes.yuma3);
        expect(next.input.liquidAlpha).to.deep.equal(
          changes.liquidAlpha ? { alphaLow: 6553, alphaHigh: 19660, steepness: 1000 } : undefined,
        );
        const { paid } = await runEpoch();
        await expectMetagraphAsPredicted(next);
        expect(paid).to.equal(next.neurons.reduce((sum, u) => sum + u.emission, 0n));
      }
    });

    it("claims a miner's incentive, and the delegator's owner cut and stake dividends", async function () {
      const minerRewards = await as(minerA).subnets.getSubnetRewards({ netuid });
      expect(minerRewards.claimable).to.be.greaterThan(0n);
      const before = await usd.balanceOf(addr.minerA);
      const { result } = await as(minerA).subnets.claimRewards({ netuid });
      expect(result).to.deep.include({ to: addr.minerA, rewards: minerRewards.claimable, stakeRewards: 0n });
      expect(await usd.balanceOf(addr.minerA)).to.equal(before + minerRewards.claimable);

      const owed = await as(owner).subnets.getSubnetRewards({ netuid });
      expect(owed.stakeRewards.map((r) => r.hotkey)).to.deep.equal([addr.validator]);
      expect(owed.stakeRewards[0].amount).to.be.greaterThan(0n);
      const claimed = await as(owner).subnets.claimRewards({ netuid });
      expect(claimed.result.amount).to.equal(owed.total);
      expect(claimed.result.transactions).to.have.length(2);

      const nothing = await failure(as(owner).subnets.claimRewards({ netuid }));
      expect(nothing).to.be.instanceOf(SubnetNothingToClaimError);
      expect((nothing as SubnetNothingToClaimError).shortMessage).to.equal(`${addr.owner} has nothing to claim.`);
    });

    it("publishes a miner's candidate to IPFS and pulls it back, verified against the CID on chain", async function () {
      const weights = path.join(scratch, "candidate");
      await mkdir(weights, { recursive: true });
      await writeFile(path.join(weights, "model.bin"), Buffer.alloc(50_000, 3));
      const { result } = await as(minerA).subnets.publishCandidate({ netuid, path: weights });
      expect(result.uid).to.equal(1);
      const shown = await as(stranger).subnets.getCandidate({ netuid, hotkey: addr.minerA });
      expect(shown?.cid.equals(result.cid)).to.equal(true);
      expect((await as(stranger).subnets.listCandidates(netuid)).map((c) => c.uid)).to.deep.equal([1]);
      const destination = path.join(scratch, "pulled");
      const { pulled } = await as(stranger).subnets.pullCandidate({ netuid, hotkey: 1, destination });
      expect(pulled.cid.equals(result.cid)).to.equal(true);
      expect(await readFile(path.join(destination, "model.bin"))).to.deep.equal(Buffer.alloc(50_000, 3));
    });

    it("unstakes part of a delegation, lowers the validator's take, and refuses direct weights on a commit-reveal subnet", async function () {
      const omp = ProtocolToken__factory.connect(deployment.contracts.ProtocolToken!.address, owner);
      const before = await omp.balanceOf(addr.owner);
      const { result } = await as(owner).subnets.removeStake({ netuid, hotkey: addr.validator, amount: "100" });
      // The delegation counted in the last epoch: it unbonds until the next starts.
      const started = (await as(stranger).subnets.getSubnet(netuid)).epochNumber;
      expect(result).to.deep.include({ amount: 100n * ONE, position: 400n * ONE, hotkeyStake: 1_400n * ONE });
      expect(result).to.deep.include({ released: 0n, unbonding: 100n * ONE, withdrawableFrom: started + 1n });
      expect(await omp.balanceOf(addr.owner)).to.equal(before);
      const early = await failure(as(owner).subnets.withdrawStake({ netuid, hotkey: addr.validator }));
      expect(early).to.be.instanceOf(SubnetStakeUnbondingError);
      expect((early as SdkError).shortMessage).to.equal(
        `${addr.owner}'s ${100n * ONE} unstaked from ${addr.validator} is still unbonding: it can be withdrawn once epoch ${started + 1n} has started.`,
      );
      await runEpoch();
      const withdrawn = await as(owner).subnets.withdrawStake({ netuid, hotkey: addr.validator });
      expect(withdrawn.result).to.deep.include({ amount: 100n * ONE, staker: addr.owner });
      expect(await omp.balanceOf(addr.owner)).to.equal(before + 100n * ONE);
      const tooMuch = await failure(as(owner).subnets.removeStake({ netuid, hotkey: addr.validator, amount: "401" }));
      expect((tooMuch as SdkError).shortMessage).to.equal(
        `${addr.owner} has ${400n * ONE} staked on ${addr.validator}, less than the ${401n * ONE} asked for.`,
      );

      const take = await as(validator).subnets.setDelegateTake({ netuid, take: 0.09 });
      expect(take.result).to.deep.include({ hotkey: addr.validator, take: Math.round(0.09 * 65_535) });
      const notColdkey = await failure(
        as(stranger).subnets.setDelegateTake({ netuid, hotkey: addr.validator, take: 0.05 }),
      );
      expect((notColdkey as SdkError).shortMessage).to.equal(
        `${addr.stranger} is not the coldkey of ${addr.validator}: only its coldkey may set its take.`,
      );

      const direct = await failure(as(validator).subnets.setWeights({ netuid, uids: [1], weights: [1] }));
      expect((direct as SdkError).shortMessage).to.equal(
        "Subnet 1 takes weights by commit and reveal: commit them first (npx hardhat subnet weights commit).",
      );
    });

    it("lets only the owner change hyperparameters, and says so", async function () {
      const refused = await failure(as(stranger).subnets.setSubnetHyperparameters({ netuid, changes: { tempo: 7 } }));
      expect(refused).to.be.instanceOf(SubnetNotOwnerError);
      expect((refused as SubnetNotOwnerError).shortMessage).to.equal(
        `${addr.stranger} is not the owner of subnet 1: only its owner may do this.`,
      );
      const { result } = await as(owner).subnets.setSubnetHyperparameters({ netuid, changes: { tempo: 7 } });
      expect(result.hyperparameters).to.deep.include({ tempo: 7, emission: USDC(100) });
      const subnet = await as(stranger).subnets.getSubnet(netuid);
      expect(result.from).to.equal(subnet.epochNumber + 2n);
      expect(subnet.hyperparameters.tempo).to.equal(TEMPO);
      expect((await as(stranger).subnets.getQueuedHyperparameters(netuid))?.hyperparameters.tempo).to.equal(7);
      // A commit is held to the version key in force when it is made: one below it could never be revealed. A raised
      // key applies from the start of the epoch after the next.
      await as(owner).subnets.setSubnetHyperparameters({ netuid, changes: { weightsVersionKey: 3n } });
      await runEpoch();
      await runEpoch();
      expect((await as(stranger).subnets.getSubnet(netuid)).hyperparameters.weightsVersionKey).to.equal(3n);
      const stale = await failure(
        as(validator).subnets.commitWeights({ netuid, uids: [1], weights: [1], versionKey: 2n, commitsFile: commits }),
      );
      expect(stale).to.be.instanceOf(InvalidWeightsError);
      expect((stale as SdkError).shortMessage).to.equal(
        "Version key 2 is below the subnet's weightsVersionKey 3: a commit made with it could not be revealed. Commit with 3 or later.",
      );
    });

    it("predicts every epoch of a busier subnet: top-k permits, several validators, direct weights, a late registration", async function () {
      const signers = (await connection.ethers.getSigners()).slice(5, 12);
      const omp = ProtocolToken__factory.connect(deployment.contracts.ProtocolToken!.address, owner);
      for (const signer of signers) {
        await (await usd.mint(await signer.getAddress(), USDC(1_000))).wait();
        await (await omp.transfer(await signer.getAddress(), 1_000n * ONE)).wait();
      }
      const { result } = await createSubnet({
        commitReveal: false,
        maxValidators: 3,
        minPrice: USDC(1),
        maxPrice: USDC(100),
        emission: USDC(50),
      });
      const id = result.subnet.netuid;
      const first = signers.slice(0, 6);
      const late = signers[6];
      for (const signer of first) await as(signer).subnets.registerNeuron({ netuid: id });
      // Four stakers, three permits: the smallest stake validates nothing.
      for (const [i, signer] of first.slice(0, 4).entries())
        await as(signer).subnets.addStake({ netuid: id, amount: String(100 * (i + 1)) });
      await as(owner).subnets.fundSubnet({ netuid: id, amount: "500" });

      const epoch = async () => {
        const subnet = await as(stranger).subnets.getSubnet(id);
        const now = BigInt(await connection.ethers.provider.getBlockNumber());
        if (subnet.nextEpochBlock > now + 1n)
          await connection.networkHelpers.mine(Number(subnet.nextEpochBlock - now - 1n));
        const preview = await as(stranger).subnets.previewEpoch(id);
        await as(stranger).subnets.advanceEpoch({ netuid: id });
        const metagraph = await as(stranger).subnets.getMetagraph(id);
        for (const predicted of preview.neurons) {
          const actual = metagraph.neurons[predicted.uid];
          expect(
            [
              actual.consensus,
              actual.incentive,
              actual.dividends,
              actual.validatorTrust,
              actual.emission,
              actual.validatorPermit,
            ],
            `UID ${predicted.uid}`,
          ).to.deep.equal([
            predicted.consensus,
            predicted.incentive,
            predicted.dividends,
            predicted.validatorTrust,
            predicted.emission,
            predicted.validatorPermit,
          ]);
        }
        return metagraph;
      };
      // The first epoch pays for the tempo the stake arrived in; from the second it counts.
      expect((await epoch()).neurons.map((u) => u.validatorPermit)).to.deep.equal([
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
      const metagraph = await epoch();
      expect(metagraph.neurons.map((u) => u.validatorPermit)).to.deep.equal([false, true, true, true, false, false]);

      let seed = 7;
      const random = () => {
        seed = (seed * 48_271) % 2_147_483_647;
        return seed / 2_147_483_647;
      };
      for (let round = 0; round < 3; round++) {
        for (const signer of first.slice(1, 4)) {
          const uids = [0, 1, 2, 3, 4, 5, ...(round === 2 ? [6] : [])];
          await as(signer).subnets.setWeights({ netuid: id, uids, weights: uids.map(() => 0.05 + random()) });
        }
        // A UID registered after the weights that name it: its column is masked until validators update.
        if (round === 1) await as(late).subnets.registerNeuron({ netuid: id });
        const after = await epoch();
        expect(after.neurons.reduce((sum, u) => sum + u.emission, 0n)).to.be.greaterThan(0n);
      }
    });

    it("says when the deployment has no subnets contract", async function () {
      const bare = createClient({
        runner: stranger,
        deployment: { ...deployment, contracts: { ...deployment.contracts, Subnets: undefined } },
      });
      const missing = await failure(bare.subnets.getSubnet(1));
      expect(missing).to.be.instanceOf(SubnetsNotDeployedError);
    });
  });
});

const CREATION_FEE = parseEther("0.01");

/** Deploys the subnets contract with its linked libraries, owned by `protocolOwner`, for a creation fee of 0.01 ETH. */
async function deploySubnets(connection: NetworkConnection, protocolOwner: string): Promise<DeployedContract> {
  const blockNumber = await connection.ethers.provider.getBlockNumber();
  const subnets = await deployLinked(connection.ethers, "Subnets", [protocolOwner, CREATION_FEE]);
  return { address: await subnets.getAddress(), blockNumber };
}
