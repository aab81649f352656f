import { expect } from "chai";
import { network } from "hardhat";

import { cidOf, DAY, ONE, ProposalState, TOKENS } from "../fixtures/constants.js";
import {
  DAO,
  deployFactoryLike,
  deployProtocolFixture,
  impersonate,
  launchModel,
  launchParams,
  NO_REVENUE,
  registerModel,
  saleStart,
  TIMELOCK_DELAY,
  type LaunchParams,
  type TeamAllocation,
} from "../fixtures/launch.js";
import { expectGovernorSettings } from "../fixtures/governance.js";
import { shouldBehaveLikeVotesToken, type TokenContext } from "../fixtures/token.behavior.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const MODEL = 1n;
const SUPPLY = TOKENS(1_000_000);
const FOR_SALE = TOKENS(300_000);
const TREASURY = TOKENS(250_000);
const LIQUIDITY = TOKENS(100_000);
const TEAM_AMOUNTS = [TOKENS(200_000), TOKENS(100_000), TOKENS(50_000)];
const CLIFFS = [90n * BigInt(DAY), 0n, 30n * BigInt(DAY)];
const DURATIONS = [360n * BigInt(DAY), 180n * BigInt(DAY), 30n * BigInt(DAY)];

async function protocolFixture() {
  const [team, alice, bob, carol, lp, voter, stranger, newPublisher, recipient] = await ethers.getSigners();
  const protocol = await deployProtocolFixture(connection);
  const { registry, factory } = protocol;
  await registerModel(registry, team, { slug: "face-landmark", license: "Apache-2.0" });
  const errors = {
    offering: await ethers.getContractAt("ModelOffering", await factory.offeringImplementation()),
    token: await ethers.getContractAt("ModelToken", await factory.tokenImplementation()),
    vesting: await ethers.getContractAt("ModelVestingWallet", await factory.vestingImplementation()),
    governor: await ethers.getContractAt("ModelGovernor", await factory.governorImplementation()),
    timelock: await ethers.getContractAt("ModelTimelock", await factory.timelockImplementation()),
    curve: await ethers.getContractAt("BondingCurve", await factory.curveImplementation()),
  };
  return { ...protocol, errors, team, alice, bob, carol, lp, voter, stranger, newPublisher, recipient };
}

type Protocol = Awaited<ReturnType<typeof protocolFixture>>;

async function approvedFixture() {
  const p = await protocolFixture();
  await p.registry.connect(p.team).setApprovalForAll(p.factory, true);
  return p;
}

/** Launch params for `model`: 300k for sale, 250k treasury, 100k liquidity to `lp`, 350k to three team members. */
async function paramsFor(p: Protocol, overrides: Partial<LaunchParams> = {}, model = MODEL): Promise<LaunchParams> {
  const base = launchParams({
    start: await saleStart(connection),
    model,
    treasuryAmount: TREASURY,
    liquidityAmount: LIQUIDITY,
    liquidityRecipient: p.lp.address,
    team: [p.alice, p.bob, p.carol].map((member, i) => ({
      beneficiary: member.address,
      amount: TEAM_AMOUNTS[i],
      cliff: CLIFFS[i],
      duration: DURATIONS[i],
    })),
  });
  return { ...base, ...overrides };
}

async function launchWith(p: Protocol, params: LaunchParams) {
  return { ...p, ...(await launchModel(connection, p.factory, p.team, params)) };
}

async function launchedFixture() {
  const p = await approvedFixture();
  return launchWith(p, await paramsFor(p));
}

/** The launched token, for the tests every token of the protocol shares: the liquidity holder's tokens move. */
async function launchedTokenFixture(): Promise<TokenContext> {
  const { token, lp, voter, newPublisher, stranger } = await launchedFixture();
  // The token, then who holds and moves it.
  return {
    token,
    name: "Face Landmark 68",
    symbol: "FL68",
    supply: SUPPLY,
    holder: lp,
    balance: LIQUIDITY,
    amount: TOKENS(40_000),
    recipient: voter,
    delegatee: newPublisher,
    spender: stranger,
  };
}

/** A launch without team and with the liquidity reserve left to the treasury. */
async function leanLaunchFixture() {
  const p = await approvedFixture();
  const params = await paramsFor(p, {
    team: [],
    supply: FOR_SALE + TREASURY + LIQUIDITY,
    liquidityRecipient: ethers.ZeroAddress,
  });
  return launchWith(p, params);
}

// ---------------------------------------------------------------------------------------------------------------

describe("ModelLaunchFactory", function () {
  describe("when deployed", function () {
    it("has its registry, implementations, fee and limits, and no launches", async function () {
      const { factory, registry, team } = await loadFixture(protocolFixture);
      expect(await factory.registry()).to.equal(await registry.getAddress());
      for (const implementation of [
        factory.tokenImplementation(),
        factory.offeringImplementation(),
        factory.vestingImplementation(),
        factory.governorImplementation(),
        factory.timelockImplementation(),
        factory.curveImplementation(),
      ]) {
        expect(await ethers.provider.getCode(await implementation)).to.not.equal("0x");
      }
      // The protocol module's defaults: no fee, to the deployer.
      expect(await factory.feeBps()).to.equal(0n);
      expect(await factory.feeRecipient()).to.equal(team.address);
      expect(await factory.MAX_FEE_BPS()).to.equal(1_000n);
      expect(await factory.MAX_TEAM()).to.equal(16n);
      expect(await factory.launchCount()).to.equal(0n);
      expect(await factory.launchedModels(0, 10)).to.deep.equal([]);
      expect(await factory.launchOf(MODEL)).to.deep.equal([
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
    });

    it("accepts a fee of up to 10% and refuses more", async function () {
      const { factory, stranger } = await loadFixture(protocolFixture);
      const capped = await deployFactoryLike(connection, factory, stranger.address, 1_000, stranger.address);
      expect(await capped.feeBps()).to.equal(1_000n);
      expect(await capped.feeRecipient()).to.equal(stranger.address);
      await expect(deployFactoryLike(connection, factory, stranger.address, 1_001, stranger.address))
        .to.be.revertedWithCustomError(factory, "LaunchFeeTooHigh")
        .withArgs(1_001n, 1_000n);
    });

    it("refuses a fee without a recipient, but not a zero fee without one", async function () {
      const { factory, team } = await loadFixture(protocolFixture);
      await expect(
        deployFactoryLike(connection, factory, ethers.ZeroAddress, 1, team.address),
      ).to.be.revertedWithCustomError(factory, "LaunchFeeRecipientMissing");
      const free = await deployFactoryLike(connection, factory, ethers.ZeroAddress, 0, team.address);
      expect(await free.feeBps()).to.equal(0n);
    });

    it("has implementations nobody can initialise", async function () {
      const { errors, stranger } = await loadFixture(protocolFixture);
      await expect(
        errors.token
          .connect(stranger)
          .initialize(
            "X",
            "X",
            [{ account: stranger.address, amount: 1n, forwardsRevenue: false, excluded: false }],
            NO_REVENUE,
          ),
      ).to.be.revertedWithCustomError(errors.token, "ModelTokenAlreadyInitialized");
      await expect(errors.vesting.connect(stranger)["initialize(address)"](stranger)).to.be.revertedWithCustomError(
        errors.vesting,
        "InvalidInitialization",
      );
      // OpenZeppelin's own initializer, inherited, is closed too.
      await expect(
        errors.vesting.connect(stranger)["initialize(address,uint64,uint64)"](stranger, 0n, 0n),
      ).to.be.revertedWithCustomError(errors.vesting, "InvalidInitialization");
      await expect(
        errors.governor.connect(stranger).initialize("X DAO", errors.token, errors.timelock, DAO, stranger, 0n),
      ).to.be.revertedWithCustomError(errors.governor, "InvalidInitialization");
      await expect(
        errors.timelock.connect(stranger).initialize(0n, [stranger.address], [stranger.address], stranger.address),
      ).to.be.revertedWithCustomError(errors.timelock, "InvalidInitialization");
    });

    it("has a sale implementation that refuses to act as a sale", async function () {
      const { errors, stranger } = await loadFixture(protocolFixture);
      await expect(errors.offering.connect(stranger).depositETH([], { value: 1n })).to.be.revertedWithCustomError(
        errors.offering,
        "OfferingNotASale",
      );
      await expect(errors.offering.config()).to.be.revertedWithCustomError(errors.offering, "OfferingNotASale");
      await expect(errors.offering.status()).to.be.revertedWithCustomError(errors.offering, "OfferingNotASale");
    });
  });

  describe("launch", function () {
    it("returns the launch's addresses, records them and emits ModelLaunched", async function () {
      const p = await loadFixture(approvedFixture);
      const params = await paramsFor(p);
      const predicted = await p.factory.connect(p.team).launch.staticCall(params);
      const l = await launchWith(p, params);
      expect(l.launch).to.deep.equal(predicted);
      expect(l.wallets).to.have.length(3);
      await expect(l.tx)
        .to.emit(p.factory, "ModelLaunched")
        .withArgs(
          MODEL,
          p.team.address,
          predicted.token,
          predicted.offering,
          predicted.governor,
          predicted.timelock,
          l.wallets,
        );
      expect(await p.factory.launchCount()).to.equal(1n);
      expect(await p.factory.launchedModels(0, 10)).to.deep.equal([MODEL]);
      for (const address of [...predicted, ...l.wallets])
        expect(await ethers.provider.getCode(address)).to.not.equal("0x");
    });

    describe("the token", function () {
      shouldBehaveLikeVotesToken(connection, () => loadFixture(launchedTokenFixture));

      it("has the model and registry, and announces the whole supply", async function () {
        const { token, registry, tx } = await loadFixture(launchedFixture);
        expect(await token.model()).to.equal(MODEL);
        expect(await token.registry()).to.equal(await registry.getAddress());
        await expect(tx)
          .to.emit(token, "ModelTokenInitialized")
          .withArgs(await registry.getAddress(), MODEL, SUPPLY, 0n);
      });

      it("splits the supply exactly: sale, team wallets, treasury and liquidity", async function () {
        const { token, offering, timelock, wallets, lp } = await loadFixture(launchedFixture);
        expect(await token.balanceOf(offering)).to.equal(FOR_SALE);
        expect(await token.balanceOf(timelock)).to.equal(TREASURY);
        expect(await token.balanceOf(lp)).to.equal(LIQUIDITY);
        for (const [i, wallet] of wallets.entries()) expect(await token.balanceOf(wallet)).to.equal(TEAM_AMOUNTS[i]);
        const holders = [offering, timelock, lp, ...wallets];
        let sum = 0n;
        for (const holder of holders) sum += await token.balanceOf(holder);
        expect(sum).to.equal(SUPPLY);
      });

      it("gives the liquidity reserve to the treasury when it has no recipient", async function () {
        const { token, timelock, offering } = await loadFixture(leanLaunchFixture);
        expect(await token.balanceOf(timelock)).to.equal(TREASURY + LIQUIDITY);
        expect(await token.balanceOf(offering)).to.equal(FOR_SALE);
        expect(await token.totalSupply()).to.equal(FOR_SALE + TREASURY + LIQUIDITY);
      });
    });

    describe("the DAO", function () {
      it("has a governor with the DAO settings, voting with the token through the timelock", async function () {
        const { governor, token, timelock } = await loadFixture(launchedFixture);
        await expectGovernorSettings(governor, { name: "FL68 DAO", token, timelock, ...DAO });
        expect(await governor.quorumDenominator()).to.equal(100n);
        expect(await governor.clock()).to.equal(BigInt(await time.latest()));
        const launched = await time.latest();
        await time.increase(1);
        expect(await governor.quorum(launched)).to.equal((SUPPLY * DAO.quorumPercent) / 100n);
        expect(await governor.quorum(launched - 1)).to.equal(0n);
      });

      it("knows its sale: no proposal before the sale's end", async function () {
        const { governor, offering, params, receipt } = await loadFixture(launchedFixture);
        expect(await governor.sale()).to.equal(await offering.getAddress());
        expect(await governor.saleEnd()).to.equal(params.sale.end);
        const event = receipt.logs
          .filter((log) => log.address === governor.target)
          .map((log) => governor.interface.parseLog(log))
          .find((parsed) => parsed?.name === "ModelGovernorSaleSet");
        expect(event?.args.toArray()).to.deep.equal([await offering.getAddress(), BigInt(params.sale.end)]);
      });

      it("has a timelock with the delay, the governor as sole proposer and canceller, open execution, no admin", async function () {
        const { timelock, governor, factory, team, tx, receipt } = await loadFixture(launchedFixture);
        expect(await timelock.getMinDelay()).to.equal(TIMELOCK_DELAY);
        const [admin, proposer, canceller, executor] = await Promise.all([
          timelock.DEFAULT_ADMIN_ROLE(),
          timelock.PROPOSER_ROLE(),
          timelock.CANCELLER_ROLE(),
          timelock.EXECUTOR_ROLE(),
        ]);
        expect(await timelock.hasRole(proposer, governor)).to.equal(true);
        expect(await timelock.hasRole(canceller, governor)).to.equal(true);
        expect(await timelock.hasRole(executor, ethers.ZeroAddress)).to.equal(true);
        for (const account of [
          await factory.getAddress(),
          team.address,
          await governor.getAddress(),
          ethers.ZeroAddress,
        ]) {
          expect(await timelock.hasRole(admin, account)).to.equal(false);
        }
        expect(await timelock.hasRole(proposer, team)).to.equal(false);
        // Every role the launch granted: OpenZeppelin's timelock administers itself (changes go through a
        // delayed proposal), and nobody else was given anything.
        const timelockAddress = await timelock.getAddress();
        const grants = receipt.logs
          .filter((log) => log.address === timelockAddress)
          .map((log) => timelock.interface.parseLog(log))
          .filter((parsed) => parsed?.name === "RoleGranted")
          .map((parsed) => [parsed!.args.role, parsed!.args.account, parsed!.args.sender]);
        const factoryAddress = await factory.getAddress();
        const governorAddress = await governor.getAddress();
        expect(grants).to.deep.equal([
          [admin, timelockAddress, factoryAddress],
          [proposer, governorAddress, factoryAddress],
          [canceller, governorAddress, factoryAddress],
          [executor, ethers.ZeroAddress, factoryAddress],
        ]);
        await expect(tx).to.emit(timelock, "MinDelayChange").withArgs(0n, TIMELOCK_DELAY);
      });

      it("owns the model in the registry; the team stays a publisher", async function () {
        const { registry, timelock, team, stranger } = await loadFixture(launchedFixture);
        expect(await registry.ownerOf(MODEL)).to.equal(await timelock.getAddress());
        expect((await registry.getModel(MODEL)).owner).to.equal(await timelock.getAddress());
        expect(await registry.getApproved(MODEL)).to.equal(ethers.ZeroAddress);
        expect(await registry.canPublish(MODEL, team)).to.equal(true);
        expect(await registry.publishers(MODEL)).to.deep.equal([team.address]);
        await expect(
          registry.connect(team).publish(MODEL, {
            weightsCid: cidOf("weights v1"),
            configCid: "0x",
            tag: "v1.0.0",
            parent: { model: 0, index: 0 },
            datasetCids: [],
          }),
        )
          .to.emit(registry, "VersionPublished")
          .withArgs(MODEL, 0n, team.address, () => true);
        // Only the DAO may now change who publishes.
        await expect(registry.connect(team).setPublisher(MODEL, stranger, true))
          .to.be.revertedWithCustomError(registry, "RegistryNotModelOwner")
          .withArgs(MODEL, team.address);
      });

      it("keeps a team that was already a publisher", async function () {
        const p = await loadFixture(approvedFixture);
        await p.registry.connect(p.team).setPublisher(MODEL, p.team, true);
        const l = await launchWith(p, await paramsFor(p));
        expect(await p.registry.publishers(MODEL)).to.deep.equal([p.team.address]);
        expect(await p.registry.ownerOf(MODEL)).to.equal(await l.timelock.getAddress());
      });
    });

    describe("the sale", function () {
      it("is configured with the token, the treasury, the team as admin and the factory's fee", async function () {
        const { offering, token, timelock, team, factory, params } = await loadFixture(launchedFixture);
        const config = await offering.config();
        expect(config.token).to.equal(await token.getAddress());
        expect(config.treasury).to.equal(await timelock.getAddress());
        expect(config.admin).to.equal(team.address);
        expect(config.fee.recipient).to.equal(await factory.feeRecipient());
        expect(config.fee.bps).to.equal(await factory.feeBps());
        expect(config.sale.tokensForSale).to.equal(params.sale.tokensForSale);
        expect(config.sale.start).to.equal(params.sale.start);
        expect(config.sale.end).to.equal(params.sale.end);
        expect(await offering.status()).to.equal(0n);
      });
    });

    describe("the team's vesting wallets", function () {
      it("belong to their beneficiaries, with each member's schedule", async function () {
        const { vesting, alice, bob, carol, params } = await loadFixture(launchedFixture);
        const start = BigInt(params.sale.end);
        for (const [i, member] of [alice, bob, carol].entries()) {
          const wallet = vesting[i];
          expect(await wallet.owner()).to.equal(member.address);
          expect(await wallet.start()).to.equal(start);
          expect(await wallet.duration()).to.equal(DURATIONS[i]);
          expect(await wallet.cliff()).to.equal(start + CLIFFS[i]);
          expect(await wallet.end()).to.equal(start + DURATIONS[i]);
        }
      });
    });

    describe("the clones", function () {
      it("cannot be initialised again", async function () {
        const { token, governor, timelock, vesting, stranger } = await loadFixture(launchedFixture);
        await expect(
          token
            .connect(stranger)
            .initialize(
              "X",
              "X",
              [{ account: stranger.address, amount: 1n, forwardsRevenue: false, excluded: false }],
              NO_REVENUE,
            ),
        ).to.be.revertedWithCustomError(token, "ModelTokenAlreadyInitialized");
        await expect(
          governor.connect(stranger).initialize("X DAO", token, timelock, DAO, stranger, 0n),
        ).to.be.revertedWithCustomError(governor, "InvalidInitialization");
        await expect(
          timelock.connect(stranger).initialize(0n, [stranger.address], [stranger.address], stranger.address),
        ).to.be.revertedWithCustomError(timelock, "InvalidInitialization");
        for (const wallet of vesting) {
          await expect(wallet.connect(stranger)["initialize(address)"](stranger)).to.be.revertedWithCustomError(
            wallet,
            "InvalidInitialization",
          );
          await expect(
            wallet.connect(stranger)["initialize(address,uint64,uint64)"](stranger, 0n, 1n),
          ).to.be.revertedWithCustomError(wallet, "InvalidInitialization");
        }
      });
    });

    it("works with an approval of the one model instead of an operator approval", async function () {
      const p = await loadFixture(protocolFixture);
      await p.registry.connect(p.team).approve(p.factory, MODEL);
      const l = await launchWith(p, await paramsFor(p));
      expect(await p.registry.ownerOf(MODEL)).to.equal(await l.timelock.getAddress());
    });

    it("takes up to 16 team members", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      const team = Array.from({ length: 16 }, (_, i) => ({
        ...(base.team as TeamAllocation[])[0],
        amount: TOKENS(1_000 + i),
      }));
      const teamTotal = team.reduce((sum, m) => sum + BigInt(m.amount), 0n);
      const l = await launchWith(p, { ...base, team, supply: FOR_SALE + TREASURY + LIQUIDITY + teamTotal });
      expect(l.wallets).to.have.length(16);
      expect(new Set(l.wallets).size).to.equal(16);
      for (const [i, wallet] of l.wallets.entries())
        expect(await l.token.balanceOf(wallet)).to.equal(TOKENS(1_000 + i));
    });
  });

  describe("launchOf, launchCount and launchedModels", function () {
    async function threeLaunchesFixture() {
      const p = await approvedFixture();
      await p.registry.connect(p.team).register("model-two", cidOf("two"), "MIT");
      await p.registry.connect(p.team).register("model-three", cidOf("three"), "MIT");
      // Launched in the order 2, 3, 1.
      const launches = [];
      for (const model of [2n, 3n, 1n])
        launches.push(await launchWith(p, await paramsFor(p, { symbol: `M${model}` }, model)));
      return { ...p, launches };
    }

    it("record each launch, in launch order", async function () {
      const { factory, launches } = await loadFixture(threeLaunchesFixture);
      expect(await factory.launchCount()).to.equal(3n);
      for (const l of launches) {
        expect(await factory.launchOf(l.params.model)).to.deep.equal(l.launch);
        expect(await l.token.model()).to.equal(l.params.model);
      }
      // Distinct contracts per model.
      expect(new Set(launches.map((l) => l.launch.token)).size).to.equal(3);
      expect(await factory.launchOf(4n)).to.deep.equal([
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        ethers.ZeroAddress,
      ]);
    });

    it("page through the launched models", async function () {
      const { factory } = await loadFixture(threeLaunchesFixture);
      expect(await factory.launchedModels(0, 3)).to.deep.equal([2n, 3n, 1n]);
      expect(await factory.launchedModels(0, 100)).to.deep.equal([2n, 3n, 1n]);
      expect(await factory.launchedModels(0, 2)).to.deep.equal([2n, 3n]);
      expect(await factory.launchedModels(1, 1)).to.deep.equal([3n]);
      expect(await factory.launchedModels(2, 5)).to.deep.equal([1n]);
      expect(await factory.launchedModels(1, 0)).to.deep.equal([]);
      expect(await factory.launchedModels(3, 1)).to.deep.equal([]);
      expect(await factory.launchedModels(10, 1)).to.deep.equal([]);
      expect(await factory.launchedModels(1, ethers.MaxUint256)).to.deep.equal([3n, 1n]);
    });
  });

  describe("protocol parameters", function () {
    /** A launch at generation 0, then the protocol timelock setting a 2.5% fee and new implementations. */
    async function upgradedFixture() {
      const approved = await approvedFixture();
      const first = await launchWith(approved, await paramsFor(approved));
      const p = first;
      const dao = await impersonate(connection, p.deployment.contracts.ProtocolTimelock!.address, ONE);
      const next = {
        token: await ethers.deployContract("ModelToken"),
        offering: await ethers.deployContract("ModelOffering", [
          [...(await (await ethers.getContractAt("ModelOffering", await p.factory.offeringImplementation())).market())],
        ]),
        vesting: await ethers.deployContract("ModelVestingWallet"),
        governor: await ethers.deployContract("ModelGovernor"),
        timelock: await ethers.deployContract("ModelTimelock"),
        curve: await ethers.deployContract("BondingCurve", [
          // A copy: ethers refuses the read-only result of one call as the argument of another.
          [...(await (await ethers.getContractAt("BondingCurve", await p.factory.curveImplementation())).market())],
        ]),
      };
      const nextAddresses = await Promise.all(Object.values(next).map((c) => c.getAddress()));
      const before = await p.factory.launchOf(MODEL);
      await p.factory.connect(dao).setFee(p.recipient.address, 250);
      const setImplementations = p.factory
        .connect(dao)
        .setImplementations(
          nextAddresses[0],
          nextAddresses[1],
          nextAddresses[2],
          nextAddresses[3],
          nextAddresses[4],
          nextAddresses[5],
        );
      await (await setImplementations).wait();
      await p.registry.connect(p.team).register("model-two", cidOf("two"), "MIT");
      const second = await launchWith(p, await paramsFor(p, { symbol: "M2" }, 2n));
      return { ...p, dao, nextAddresses, before, first, second, setImplementations };
    }

    it("are owned by the protocol timelock, with one generation of implementations", async function () {
      const { factory, deployment } = await loadFixture(protocolFixture);
      expect(await factory.owner()).to.equal(deployment.contracts.ProtocolTimelock!.address);
      expect(await factory.pendingOwner()).to.equal(ethers.ZeroAddress);
      expect(await factory.generationCount()).to.equal(1n);
      expect(await factory.implementations(0)).to.deep.equal([
        await factory.tokenImplementation(),
        await factory.offeringImplementation(),
        await factory.vestingImplementation(),
        await factory.governorImplementation(),
        await factory.timelockImplementation(),
        await factory.curveImplementation(),
      ]);
      await expect(factory.implementations(1))
        .to.be.revertedWithCustomError(factory, "LaunchUnknownGeneration")
        .withArgs(1n, 1n);
      expect(await factory.generationOf(MODEL)).to.equal(0n);
    });

    it("can be changed by nobody but the owner", async function () {
      const { factory, stranger, team } = await loadFixture(protocolFixture);
      const token = await factory.tokenImplementation();
      for (const account of [stranger, team]) {
        await expect(factory.connect(account).setFee(account.address, 100))
          .to.be.revertedWithCustomError(factory, "OwnableUnauthorizedAccount")
          .withArgs(account.address);
        await expect(factory.connect(account).setImplementations(token, token, token, token, token, token))
          .to.be.revertedWithCustomError(factory, "OwnableUnauthorizedAccount")
          .withArgs(account.address);
        await expect(factory.connect(account).transferOwnership(account.address))
          .to.be.revertedWithCustomError(factory, "OwnableUnauthorizedAccount")
          .withArgs(account.address);
      }
    });

    it("take a fee of up to 10%, with a recipient unless it is zero", async function () {
      const { factory, deployment, recipient } = await loadFixture(protocolFixture);
      const dao = await impersonate(connection, deployment.contracts.ProtocolTimelock!.address, ONE);
      await expect(factory.connect(dao).setFee(recipient.address, 1_001))
        .to.be.revertedWithCustomError(factory, "LaunchFeeTooHigh")
        .withArgs(1_001n, 1_000n);
      await expect(factory.connect(dao).setFee(ethers.ZeroAddress, 1)).to.be.revertedWithCustomError(
        factory,
        "LaunchFeeRecipientMissing",
      );
      await expect(factory.connect(dao).setFee(recipient.address, 1_000))
        .to.emit(factory, "LaunchFeeSet")
        .withArgs(recipient.address, 1_000n);
      expect(await factory.feeRecipient()).to.equal(recipient.address);
      expect(await factory.feeBps()).to.equal(1_000n);
      await expect(factory.connect(dao).setFee(ethers.ZeroAddress, 0))
        .to.emit(factory, "LaunchFeeSet")
        .withArgs(ethers.ZeroAddress, 0n);
      expect(await factory.feeBps()).to.equal(0n);
    });

    it("take only contracts as implementations", async function () {
      const { factory, deployment, stranger } = await loadFixture(protocolFixture);
      const dao = await impersonate(connection, deployment.contracts.ProtocolTimelock!.address, ONE);
      const token = await factory.tokenImplementation();
      for (const bad of [ethers.ZeroAddress, stranger.address]) {
        for (let i = 0; i < 6; i++) {
          const args = [token, token, token, token, token, token];
          args[i] = bad;
          await expect(factory.connect(dao).setImplementations(args[0], args[1], args[2], args[3], args[4], args[5]))
            .to.be.revertedWithCustomError(factory, "LaunchInvalidImplementation")
            .withArgs(bad);
        }
      }
      expect(await factory.generationCount()).to.equal(1n);
      await expect(
        ethers.deployContract("ModelLaunchFactory", [
          await factory.registry(),
          stranger.address,
          token,
          token,
          token,
          token,
          token,
          ethers.ZeroAddress,
          0,
          stranger.address,
        ]),
      )
        .to.be.revertedWithCustomError(factory, "LaunchInvalidImplementation")
        .withArgs(stranger.address);
    });

    it("move to a new owner in two steps", async function () {
      const { factory, deployment, stranger } = await loadFixture(protocolFixture);
      const dao = await impersonate(connection, deployment.contracts.ProtocolTimelock!.address, ONE);
      await factory.connect(dao).transferOwnership(stranger.address);
      expect(await factory.owner()).to.equal(dao.address);
      await expect(factory.connect(stranger).acceptOwnership())
        .to.emit(factory, "OwnershipTransferred")
        .withArgs(dao.address, stranger.address);
      await expect(factory.connect(stranger).setFee(stranger.address, 10)).to.emit(factory, "LaunchFeeSet");
    });

    describe("when changed after a launch", function () {
      it("records the new implementations as the next generation", async function () {
        const { factory, nextAddresses, setImplementations } = await loadFixture(upgradedFixture);
        await expect(setImplementations).to.emit(factory, "LaunchImplementationsSet").withArgs(1n, nextAddresses);
        expect(await factory.generationCount()).to.equal(2n);
        expect(await factory.implementations(1)).to.deep.equal(nextAddresses);
        expect(await factory.tokenImplementation()).to.equal(nextAddresses[0]);
        expect(await factory.timelockImplementation()).to.equal(nextAddresses[4]);
        expect(await factory.curveImplementation()).to.equal(nextAddresses[5]);
      });

      it("still finds the old launch's contracts, whose sale keeps its fee", async function () {
        const { factory, first, before, team } = await loadFixture(upgradedFixture);
        expect(await factory.launchOf(MODEL)).to.deep.equal(before);
        expect(await factory.launchOf(MODEL)).to.deep.equal(first.launch);
        expect(await factory.generationOf(MODEL)).to.equal(0n);
        const config = await first.offering.config();
        expect(config.fee.recipient).to.equal(team.address);
        expect(config.fee.bps).to.equal(0n);
        expect(await first.token.model()).to.equal(MODEL);
        expect(await first.governor.token()).to.equal(first.launch.token);
      });

      it("makes new launches clone the new implementations and take the new fee", async function () {
        const { factory, second, nextAddresses, recipient } = await loadFixture(upgradedFixture);
        expect(await factory.generationOf(2n)).to.equal(1n);
        expect(await factory.launchOf(2n)).to.deep.equal(second.launch);
        const launched = [
          second.launch.token,
          second.launch.offering,
          second.wallets[0],
          second.launch.governor,
          second.launch.timelock,
        ];
        for (const [i, clone] of launched.entries()) {
          // An ERC-1167 clone's code carries its implementation's address.
          const code = (await ethers.provider.getCode(clone)).toLowerCase();
          expect(code).to.include(nextAddresses[i].slice(2).toLowerCase());
        }
        const config = await second.offering.config();
        expect(config.fee.recipient).to.equal(recipient.address);
        expect(config.fee.bps).to.equal(250n);
        expect(await second.governor.timelock()).to.equal(second.launch.timelock);
        expect(await second.token.model()).to.equal(2n);
      });
    });
  });

  describe("launch refusals", function () {
    it("refuses a caller that does not own the model", async function () {
      const p = await loadFixture(approvedFixture);
      await expect(p.factory.connect(p.stranger).launch(await paramsFor(p)))
        .to.be.revertedWithCustomError(p.factory, "LaunchNotModelOwner")
        .withArgs(MODEL, p.stranger.address);
    });

    it("refuses a model that does not exist, with the registry's error", async function () {
      const p = await loadFixture(approvedFixture);
      await expect(p.factory.connect(p.team).launch(await paramsFor(p, { model: 99n })))
        .to.be.revertedWithCustomError(p.registry, "ERC721NonexistentToken")
        .withArgs(99n);
    });

    it("refuses a model launched already, even for its new owner", async function () {
      const l = await loadFixture(launchedFixture);
      const timelock = await l.timelock.getAddress();
      const dao = await impersonate(connection, timelock, TOKENS(1));
      await l.registry.connect(dao).setApprovalForAll(l.factory, true);
      await expect(l.factory.connect(dao).launch(await paramsFor(l)))
        .to.be.revertedWithCustomError(l.factory, "LaunchAlreadyLaunched")
        .withArgs(MODEL, await l.offering.getAddress());
    });

    it("refuses a split that does not add up to the supply", async function () {
      const p = await loadFixture(approvedFixture);
      for (const supply of [SUPPLY + 1n, SUPPLY - 1n]) {
        await expect(p.factory.connect(p.team).launch(await paramsFor(p, { supply })))
          .to.be.revertedWithCustomError(p.factory, "LaunchSplitMismatch")
          .withArgs(SUPPLY, supply);
      }
    });

    it("refuses more than 16 team members", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      const team = Array.from({ length: 17 }, () => (base.team as TeamAllocation[])[0]);
      await expect(p.factory.connect(p.team).launch({ ...base, team }))
        .to.be.revertedWithCustomError(p.factory, "LaunchTooManyBeneficiaries")
        .withArgs(17n, 16n);
    });

    it("refuses a team member without a beneficiary or without an amount", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      const team = base.team as TeamAllocation[];
      const noBeneficiary = [team[0], { ...team[1], beneficiary: ethers.ZeroAddress }, team[2]];
      await expect(p.factory.connect(p.team).launch({ ...base, team: noBeneficiary }))
        .to.be.revertedWithCustomError(p.factory, "LaunchInvalidBeneficiary")
        .withArgs(1n);
      const noAmount = [{ ...team[0], amount: 0n }, team[1], team[2]];
      await expect(p.factory.connect(p.team).launch({ ...base, team: noAmount, supply: SUPPLY - TEAM_AMOUNTS[0] }))
        .to.be.revertedWithCustomError(p.factory, "LaunchInvalidBeneficiary")
        .withArgs(0n);
    });

    it("refuses a vesting cliff longer than the vesting, with OpenZeppelin's error", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      const team = base.team as TeamAllocation[];
      const longCliff = [team[0], { ...team[1], cliff: BigInt(team[1].duration) + 1n }, team[2]];
      await expect(p.factory.connect(p.team).launch({ ...base, team: longCliff }))
        .to.be.revertedWithCustomError(p.errors.vesting, "InvalidCliffDuration")
        .withArgs(BigInt(team[1].duration) + 1n, team[1].duration);
    });

    it("refuses a quorum of 0 or above 100 percent", async function () {
      const p = await loadFixture(approvedFixture);
      for (const quorumPercent of [0n, 101n]) {
        await expect(p.factory.connect(p.team).launch(await paramsFor(p, { dao: { ...DAO, quorumPercent } })))
          .to.be.revertedWithCustomError(p.factory, "LaunchInvalidQuorum")
          .withArgs(quorumPercent);
      }
      const l = await launchWith(p, await paramsFor(p, { dao: { ...DAO, quorumPercent: 100n } }));
      expect(await l.governor["quorumNumerator()"]()).to.equal(100n);
    });

    it("L-08 team vesting that starts before the sale ends (fully vested at launch): refused", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      const team = base.team as TeamAllocation[];
      const end = BigInt(base.sale.end);
      for (const start of [0n, BigInt(base.sale.start), end - 1n]) {
        await expect(p.factory.connect(p.team).launch({ ...base, team: [team[0], { ...team[1], start }, team[2]] }))
          .to.be.revertedWithCustomError(p.factory, "LaunchVestingBeforeSaleEnd")
          .withArgs(1n, start, end);
      }
      // From the sale's end on, vesting is the team's to choose.
      await launchWith(p, { ...base, team: [team[0], { ...team[1], start: end }, team[2]] });
    });

    it("L-08 DAO without a voting delay, voting period or timelock delay: refused below a day", async function () {
      const p = await loadFixture(approvedFixture);
      expect(await p.factory.MIN_VOTING_DELAY()).to.equal(BigInt(DAY));
      expect(await p.factory.MIN_VOTING_PERIOD()).to.equal(BigInt(DAY));
      expect(await p.factory.MIN_TIMELOCK_DELAY()).to.equal(BigInt(DAY));
      for (const short of [0n, BigInt(DAY) - 1n]) {
        await expect(p.factory.connect(p.team).launch(await paramsFor(p, { dao: { ...DAO, votingDelay: short } })))
          .to.be.revertedWithCustomError(p.factory, "LaunchVotingDelayTooShort")
          .withArgs(short, DAY);
        await expect(p.factory.connect(p.team).launch(await paramsFor(p, { dao: { ...DAO, votingPeriod: short } })))
          .to.be.revertedWithCustomError(p.factory, "LaunchVotingPeriodTooShort")
          .withArgs(short, DAY);
        await expect(p.factory.connect(p.team).launch(await paramsFor(p, { timelockDelay: short })))
          .to.be.revertedWithCustomError(p.factory, "LaunchTimelockDelayTooShort")
          .withArgs(short, DAY);
      }
      const day = BigInt(DAY);
      const l = await launchWith(
        p,
        await paramsFor(p, { dao: { ...DAO, votingDelay: day, votingPeriod: day }, timelockDelay: day }),
      );
      expect(await l.governor.votingDelay()).to.equal(day);
      expect(await l.timelock.getMinDelay()).to.equal(day);
    });

    it("L-08 liquidity reserve sent to the token itself, or to another contract that cannot move it: refused", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      const predicted = await p.factory.predictLaunch(base, p.team.address);
      for (const recipient of [
        predicted.token,
        predicted.offering,
        predicted.governor,
        await p.factory.getAddress(),
        await p.registry.getAddress(),
      ]) {
        await expect(p.factory.connect(p.team).launch({ ...base, liquidityRecipient: recipient }))
          .to.be.revertedWithCustomError(p.factory, "LaunchInvalidLiquidityRecipient")
          .withArgs(recipient);
      }
      // The treasury may hold it, named or by default; the launch lands where it was predicted.
      const l = await launchWith(p, { ...base, liquidityRecipient: predicted.timelock });
      expect(await l.token.balanceOf(predicted.timelock)).to.equal(TREASURY + LIQUIDITY);
      const launched = await p.factory.launchOf(MODEL);
      expect([launched.token, launched.offering, launched.governor, launched.timelock]).to.deep.equal([
        predicted.token,
        predicted.offering,
        predicted.governor,
        predicted.timelock,
      ]);
    });

    it("refuses invalid sale terms, with the sale's error", async function () {
      const p = await loadFixture(approvedFixture);
      const base = await paramsFor(p);
      await expect(
        p.factory.connect(p.team).launch({ ...base, sale: { ...base.sale, price: 0n } }),
      ).to.be.revertedWithCustomError(p.errors.offering, "OfferingInvalidPrice");
    });

    it("needs the registry approval to hand the model to the DAO", async function () {
      const p = await loadFixture(protocolFixture);
      // The team's publishing right is granted first, by the factory on the model owner's behalf.
      await expect(p.factory.connect(p.team).launch(await paramsFor(p)))
        .to.be.revertedWithCustomError(p.registry, "RegistryNotModelOwner")
        .withArgs(MODEL, await p.factory.getAddress());
      expect(await p.factory.launchCount()).to.equal(0n);
    });
  });

  describe("vesting", function () {
    it("releases nothing before the cliff, then linearly until the end, to the beneficiary", async function () {
      const { vesting, token, alice, stranger } = await loadFixture(launchedFixture);
      const wallet = vesting[0];
      const amount = TEAM_AMOUNTS[0];
      const start = Number(await wallet.start());
      const cliff = Number(await wallet.cliff());
      const end = Number(await wallet.end());
      const vested = (t: number) => (t < cliff ? 0n : t >= end ? amount : (amount * BigInt(t - start)) / DURATIONS[0]);

      await time.increaseTo(cliff - 2);
      expect(await wallet["releasable(address)"](token)).to.equal(0n);
      await time.setNextBlockTimestamp(cliff - 1);
      await expect(wallet["release(address)"](token)).to.changeTokenBalance(ethers, token, alice, 0n);

      await time.setNextBlockTimestamp(cliff);
      const atCliff = vested(cliff);
      expect(atCliff).to.equal(amount / 4n); // a 90-day cliff of 360 days
      const tx = wallet.connect(stranger)["release(address)"](token);
      await expect(tx)
        .to.emit(wallet, "ERC20Released")
        .withArgs(await token.getAddress(), atCliff);
      await expect(tx).to.changeTokenBalances(ethers, token, [wallet, alice, stranger], [-atCliff, atCliff, 0n]);

      const middle = start + Number(DURATIONS[0]) / 2;
      await time.increaseTo(middle);
      expect(await wallet["vestedAmount(address,uint64)"](token, middle)).to.equal(amount / 2n);
      expect(await wallet["releasable(address)"](token)).to.equal(amount / 2n - atCliff);

      await time.setNextBlockTimestamp(end);
      await expect(wallet["release(address)"](token)).to.changeTokenBalance(ethers, token, alice, amount - atCliff);
      expect(await wallet["released(address)"](token)).to.equal(amount);
      expect(await token.balanceOf(wallet)).to.equal(0n);
    });

    it("releases everything at the end when there is no cliff", async function () {
      const { vesting, token, bob } = await loadFixture(launchedFixture);
      const wallet = vesting[1];
      expect(await wallet.cliff()).to.equal(await wallet.start());
      await time.increaseTo(Number(await wallet.start()) + DAY);
      expect(await wallet["releasable(address)"](token)).to.equal((TEAM_AMOUNTS[1] * BigInt(DAY)) / DURATIONS[1]);
      await time.increaseTo(Number(await wallet.end()));
      await expect(wallet["release(address)"](token)).to.changeTokenBalance(ethers, token, bob, TEAM_AMOUNTS[1]);
    });

    it("lets only the beneficiary delegate the locked tokens' votes", async function () {
      const { vesting, token, alice, stranger, voter } = await loadFixture(launchedFixture);
      const wallet = vesting[0];
      await expect(wallet.connect(stranger).delegate(token, stranger))
        .to.be.revertedWithCustomError(wallet, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(wallet.connect(alice).delegate(token, voter))
        .to.emit(token, "DelegateChanged")
        .withArgs(await wallet.getAddress(), ethers.ZeroAddress, voter.address);
      expect(await token.delegates(wallet)).to.equal(voter.address);
      expect(await token.getVotes(voter)).to.equal(TEAM_AMOUNTS[0]);
      // Released tokens leave the wallet, and their votes with them.
      await time.increaseTo(Number(await wallet.cliff()));
      await wallet["release(address)"](token);
      expect(await token.getVotes(voter)).to.equal(
        TEAM_AMOUNTS[0] - TEAM_AMOUNTS[0] / 4n - (TEAM_AMOUNTS[0] * 1n) / DURATIONS[0],
      );
    });
  });

  describe("a DAO round trip", function () {
    async function votingFixture() {
      const l = await launchedFixture();
      // The treasury holds ETH (e.g. sale proceeds); the liquidity holder votes with 10% of the supply.
      await l.stranger.sendTransaction({ to: l.timelock, value: TOKENS(5) });
      await l.token.connect(l.lp).delegate(l.lp);
      // Proposals open when the sale is over.
      await time.increaseTo(l.params.sale.end);
      return l;
    }

    function proposal(l: Awaited<ReturnType<typeof votingFixture>>) {
      const targets = [l.registry.target as string, l.recipient.address];
      const values = [0n, TOKENS(1)];
      const calldatas = [
        l.registry.interface.encodeFunctionData("setPublisher", [MODEL, l.newPublisher.address, true]),
        "0x",
      ];
      const description = "Add a publisher and pay them 1 ETH from the treasury";
      return { targets, values, calldatas, description, descriptionHash: ethers.id(description) };
    }

    it("proposes, votes, queues and executes a registry change and a treasury transfer", async function () {
      const l = await loadFixture(votingFixture);
      const { governor, timelock, registry, lp, stranger, recipient, newPublisher } = l;
      const p = proposal(l);

      await expect(governor.connect(lp).propose(p.targets, p.values, p.calldatas, p.description)).to.emit(
        governor,
        "ProposalCreated",
      );
      const id = 1n; // sequential proposal ids
      expect(await governor.state(id)).to.equal(ProposalState.Pending);
      await expect(governor.connect(lp).castVote(id, 1)).to.be.revertedWithCustomError(
        governor,
        "GovernorUnexpectedProposalState",
      );

      await time.increase(DAO.votingDelay + 1n);
      expect(await governor.state(id)).to.equal(ProposalState.Active);
      await expect(governor.connect(lp).castVote(id, 1))
        .to.emit(governor, "VoteCast")
        .withArgs(lp.address, id, 1, LIQUIDITY, "");

      await time.increase(DAO.votingPeriod);
      expect(await governor.state(id)).to.equal(ProposalState.Succeeded);
      await expect(governor.connect(stranger).queue(p.targets, p.values, p.calldatas, p.descriptionHash)).to.emit(
        governor,
        "ProposalQueued",
      );
      expect(await governor.state(id)).to.equal(ProposalState.Queued);

      await expect(
        governor.connect(stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash),
      ).to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState");

      await time.increase(TIMELOCK_DELAY);
      const tx = governor.connect(stranger).execute(p.targets, p.values, p.calldatas, p.descriptionHash);
      await expect(tx).to.emit(governor, "ProposalExecuted").withArgs(id);
      await expect(tx).to.changeEtherBalances(ethers, [timelock, recipient], [-TOKENS(1), TOKENS(1)]);
      await expect(tx).to.emit(registry, "PublisherSet").withArgs(MODEL, newPublisher.address, true);
      expect(await governor.state(id)).to.equal(ProposalState.Executed);
      expect(await registry.canPublish(MODEL, newPublisher)).to.equal(true);
    });

    it("does not pass without quorum, and refuses proposers below the threshold", async function () {
      const l = await loadFixture(votingFixture);
      const { governor, token, lp, voter, stranger } = l;
      const p = proposal(l);
      await expect(governor.connect(stranger).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(stranger.address, 0n, DAO.proposalThreshold);

      // The voter holds 3% of the supply: enough to propose, not for the 4% quorum.
      await token.connect(lp).transfer(voter, TOKENS(30_000));
      await token.connect(voter).delegate(voter);
      await time.increase(1);
      await governor.connect(voter).propose(p.targets, p.values, p.calldatas, p.description);
      await time.increase(DAO.votingDelay + 1n);
      await governor.connect(voter).castVote(1n, 1);
      await time.increase(DAO.votingPeriod);
      expect(await governor.state(1n)).to.equal(ProposalState.Defeated);
    });

    it("lets nobody but the governor schedule on the timelock", async function () {
      const { timelock, lp, registry } = await loadFixture(votingFixture);
      const proposer = await timelock.PROPOSER_ROLE();
      const call = registry.interface.encodeFunctionData("setPublisher", [MODEL, lp.address, true]);
      await expect(timelock.connect(lp).schedule(registry, 0n, call, ethers.ZeroHash, ethers.ZeroHash, TIMELOCK_DELAY))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(lp.address, proposer);
    });
  });
});
