// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

import {ModelGovernor} from "../governance/ModelGovernor.sol";
import {ModelTimelock} from "../governance/ModelTimelock.sol";
import {IBondingCurve} from "../interfaces/IBondingCurve.sol";
import {IModelLaunchFactory} from "../interfaces/IModelLaunchFactory.sol";
import {IModelOffering} from "../interfaces/IModelOffering.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {CurveArgs} from "../market/CurveArgs.sol";
import {LIQUIDITY_MAX_LOCK, LIQUIDITY_MIN_LOCK} from "../market/LiquidityLock.sol";
import {PairAddress} from "../market/PairAddress.sol";
import {ModelToken} from "../token/ModelToken.sol";
import {ModelId} from "../types/ModelId.sol";
import {ModelVestingWallet, VestingSchedule} from "./ModelVestingWallet.sol";
import {OfferingArgs} from "./OfferingArgs.sol";
import {SaleTerms} from "./SaleTerms.sol";

/// @title ModelLaunchFactory
/// @notice See {IModelLaunchFactory}. Both kinds of launch, an IMO ({launch}) and a bonding curve ({launchCurve}), go
/// through the same steps: the same checks of the team and the DAO, the same clones of token, governor and timelock,
/// the same vesting wallets and mint, the same handover of the model; only the sale contract and its terms differ. The factory's owner, the protocol timelock, sets the protocol fee and the
/// implementations of later launches; nothing it sets reaches a launch already made: each sale carries its fee
/// in its code, and each launch remembers the generation of implementations it cloned.
/// @dev A launch's token, governor and timelock are clones at addresses derived from the model id and their
/// implementations, so only the sale's address (which also depends on its terms, carried in its code) and the
/// generation are stored, together in one word.
contract ModelLaunchFactory is IModelLaunchFactory, Ownable2Step {
    /// @notice What the factory keeps per launch, in one storage word: the sale or curve (160 bits), the generation
    /// of implementations its contracts were cloned from (88 bits) and the kind of launch (8 bits).
    struct LaunchRecord {
        address offering;
        uint88 generation;
        LaunchKind kind;
    }

    /// @notice The highest protocol fee: 10% of a sale's proceeds.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice The most team members one launch may vest tokens to.
    uint256 public constant MAX_TEAM = 16;
    /// @notice The shortest voting delay a launch may give its DAO: the time between a proposal and the snapshot
    /// of its votes, in which the sale's buyers settle and delegate (no proposal can be made before the sale ends).
    uint256 public constant MIN_VOTING_DELAY = 1 days;
    /// @notice The shortest voting period a launch may give its DAO.
    uint256 public constant MIN_VOTING_PERIOD = 1 days;
    /// @notice The shortest delay a launch may give its timelock between a proposal passing and its execution:
    /// the time holders have to leave before a decision they voted against takes effect.
    uint256 public constant MIN_TIMELOCK_DELAY = 1 days;

    /// @notice The registry whose models this factory launches.
    IModelRegistry public immutable registry;

    /// @notice Who receives the protocol fee of later launches, and how much of each sale's proceeds it is, in
    /// basis points (one storage word, with the number of launches: a sale's launch reads the fee anyway).
    address public feeRecipient;
    uint16 public feeBps;
    uint80 private _launchCount;

    Implementations[] private _generations;
    mapping(ModelId model => LaunchRecord record) private _launches;
    /// @dev Launched models in launch order, numbered from 0 up to `_launchCount`.
    mapping(uint256 index => ModelId model) private _launchedModels;

    /// @notice The registry, the first generation of implementations, the protocol fee (at most
    /// {MAX_FEE_BPS}) and the owner who may change the last two for later launches (the protocol timelock).
    constructor(
        IModelRegistry registry_,
        address token,
        address offering,
        address vesting,
        address governor,
        address timelock,
        address curve,
        address feeRecipient_,
        uint16 feeBps_,
        address initialOwner
    ) Ownable(initialOwner) {
        registry = registry_;
        _setImplementations(Implementations(token, offering, vesting, governor, timelock, curve));
        _setFee(feeRecipient_, feeBps_);
    }

    /// @inheritdoc IModelLaunchFactory
    function launch(LaunchParams calldata p) external returns (Launch memory l) {
        ModelId model = p.model;
        _checkLaunch(model, p.team.length, p.dao, p.timelockDelay);
        SaleTerms.check(p.sale);
        _checkPool(p);

        (uint256 generation, Implementations storage impl) = _latest();
        l = _cloneDao(impl, model);
        l.offering = Clones.cloneDeterministicWithImmutableArgs(
            impl.offering, OfferingArgs.encode(_saleConfig(l, msg.sender, p)), bytes32(model.tokenId())
        );
        _checkLiquidityRecipient(p.liquidityRecipient, l);
        _initDao(l, p.symbol, p.dao, p.timelockDelay, p.sale.end);
        address[] memory wallets = _mintSupply(l, p, impl);
        _complete(model, l, generation, LaunchKind.Offering, wallets);
    }

    /// @inheritdoc IModelLaunchFactory
    function launchCurve(CurveLaunchParams calldata p) external returns (Launch memory l) {
        ModelId model = p.model;
        _checkLaunch(model, p.team.length, p.dao, p.timelockDelay);
        CurveArgs.check(p.curve, p.liquidityAmount);

        (uint256 generation, Implementations storage impl) = _latest();
        l = _cloneDao(impl, model);
        l.offering = Clones.cloneDeterministicWithImmutableArgs(
            impl.curve,
            CurveArgs.encode(IBondingCurve.Config(l.token, l.timelock, uint64(block.number), p.liquidityAmount, p.curve)),
            bytes32(model.tokenId())
        );
        _initDao(l, p.symbol, p.dao, p.timelockDelay, p.curve.deadline);
        address[] memory wallets = _mintCurveSupply(l, p, impl);
        emit CurveLaunched(model, l.offering, p.liquidityAmount, p.curve);
        _complete(model, l, generation, LaunchKind.Curve, wallets);
    }

    /// @inheritdoc IModelLaunchFactory
    function launchOf(ModelId model) external view returns (Launch memory l) {
        LaunchRecord memory record = _launches[model];
        if (record.offering == address(0)) return l;
        l = _predict(_generations[record.generation], model);
        l.offering = record.offering;
    }

    /// @inheritdoc IModelLaunchFactory
    function predictLaunch(LaunchParams calldata params, address team) external view returns (Launch memory l) {
        Implementations memory impl = _generations[_generations.length - 1];
        l = _predict(impl, params.model);
        l.offering = Clones.predictDeterministicAddressWithImmutableArgs(
            impl.offering, OfferingArgs.encode(_saleConfig(l, team, params)), bytes32(params.model.tokenId())
        );
    }

    /// @inheritdoc IModelLaunchFactory
    function setFee(address recipient, uint16 bps) external onlyOwner {
        _setFee(recipient, bps);
    }

    /// @inheritdoc IModelLaunchFactory
    function setImplementations(
        address token,
        address offering,
        address vesting,
        address governor,
        address timelock,
        address curve
    ) external onlyOwner {
        _setImplementations(Implementations(token, offering, vesting, governor, timelock, curve));
    }

    /// @inheritdoc IModelLaunchFactory
    function implementations(uint256 generation) external view returns (Implementations memory) {
        uint256 count = _generations.length;
        if (generation >= count) revert LaunchUnknownGeneration(generation, count);
        return _generations[generation];
    }

    /// @inheritdoc IModelLaunchFactory
    function generationCount() external view returns (uint256) {
        return _generations.length;
    }

    /// @inheritdoc IModelLaunchFactory
    function generationOf(ModelId model) external view returns (uint256) {
        return _launches[model].generation;
    }

    /// @inheritdoc IModelLaunchFactory
    function kindOf(ModelId model) external view returns (LaunchKind) {
        return _launches[model].kind;
    }

    /// @notice The token implementation later launches clone.
    function tokenImplementation() external view returns (address) {
        return _generations[_generations.length - 1].token;
    }

    /// @notice The sale implementation later launches clone.
    function offeringImplementation() external view returns (address) {
        return _generations[_generations.length - 1].offering;
    }

    /// @notice The vesting wallet implementation later launches clone.
    function vestingImplementation() external view returns (address) {
        return _generations[_generations.length - 1].vesting;
    }

    /// @notice The governor implementation later launches clone.
    function governorImplementation() external view returns (address) {
        return _generations[_generations.length - 1].governor;
    }

    /// @notice The timelock implementation later launches clone.
    function timelockImplementation() external view returns (address) {
        return _generations[_generations.length - 1].timelock;
    }

    /// @notice The bonding-curve implementation later curve launches clone.
    function curveImplementation() external view returns (address) {
        return _generations[_generations.length - 1].curve;
    }

    /// @inheritdoc IModelLaunchFactory
    function launchCount() external view returns (uint256) {
        return _launchCount;
    }

    /// @inheritdoc IModelLaunchFactory
    function launchedModels(uint256 offset, uint256 limit) external view returns (ModelId[] memory page) {
        uint256 count = _launchCount;
        // `count - offset > limit` rather than `offset + limit`, which overflows for a limit of "everything".
        uint256 end = offset >= count ? offset : (count - offset > limit ? offset + limit : count);
        page = new ModelId[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = _launchedModels[i];
        }
    }

    /// @dev Checks the launch of `model` by the caller: it owns the model, which has no launch yet, with at most
    /// {MAX_TEAM} team members, and the DAO's rules that buyers rely on.
    function _checkLaunch(ModelId model, uint256 teamCount, ModelGovernor.Settings calldata dao, uint256 timelockDelay)
        private
        view
    {
        if (IERC721(address(registry)).ownerOf(model.tokenId()) != msg.sender) {
            revert LaunchNotModelOwner(model, msg.sender);
        }
        if (_launches[model].offering != address(0)) revert LaunchAlreadyLaunched(model, _launches[model].offering);
        if (teamCount > MAX_TEAM) revert LaunchTooManyBeneficiaries(teamCount, MAX_TEAM);
        _checkDao(dao, timelockDelay);
    }

    /// @dev The latest generation of implementations, which new launches clone.
    /// A storage pointer: each launch reads only the implementations it clones.
    function _latest() private view returns (uint256 generation, Implementations storage impl) {
        generation = _generations.length - 1;
        impl = _generations[generation];
    }

    /// @dev Clones `model`'s token, governor and timelock from `impl`, at the addresses {_predict} gives.
    function _cloneDao(Implementations storage impl, ModelId model) private returns (Launch memory l) {
        bytes32 salt = bytes32(model.tokenId());
        l.token = Clones.cloneDeterministicWithImmutableArgs(impl.token, abi.encode(registry, model), salt);
        l.governor = Clones.cloneDeterministic(impl.governor, salt);
        l.timelock = Clones.cloneDeterministic(impl.timelock, salt);
    }

    /// @dev Initialises the DAO of launch `l`: the governor alone proposes (and cancels), anyone executes, and nobody
    /// administers the timelock; no proposal before the sale (or curve) `l.offering` ends at `saleEnd`.
    function _initDao(
        Launch memory l,
        string calldata symbol,
        ModelGovernor.Settings calldata dao,
        uint256 timelockDelay,
        uint256 saleEnd
    ) private {
        address[] memory proposers = new address[](1);
        proposers[0] = l.governor;
        address[] memory executors = new address[](1);
        ModelTimelock(payable(l.timelock)).initialize(timelockDelay, proposers, executors, address(0));
        ModelGovernor(payable(l.governor)).initialize(
            string.concat(symbol, " DAO"),
            IVotes(l.token),
            TimelockControllerUpgradeable(payable(l.timelock)),
            dao,
            l.offering,
            // Cannot truncate: a sale's end fits 40 bits, a curve's deadline too.
            uint48(saleEnd)
        );
    }

    /// @dev Creates the team's vesting wallets, none starting before `saleEnd`, and the allocations of the supply with
    /// theirs filled in and three more left for the caller; `sum` is the team's tokens.
    function _vest(TeamAllocation[] calldata team, address vesting, uint256 saleEnd)
        private
        returns (address[] memory wallets, IModelToken.Allocation[] memory allocations, uint256 sum)
    {
        uint256 teamCount = team.length;
        wallets = new address[](teamCount);
        allocations = new IModelToken.Allocation[](teamCount + 3);
        for (uint256 i; i < teamCount; ++i) {
            TeamAllocation calldata member = team[i];
            if (member.beneficiary == address(0) || member.amount == 0) revert LaunchInvalidBeneficiary(i);
            // Nothing vests before buyers hold their tokens: a team cannot sell (or hold unlocked votes) first.
            if (member.start < saleEnd) revert LaunchVestingBeforeSaleEnd(i, member.start, saleEnd);
            wallets[i] =
                Clones.cloneWithImmutableArgs(vesting, VestingSchedule.pack(member.start, member.duration, member.cliff));
            ModelVestingWallet(payable(wallets[i])).initialize(member.beneficiary);
            allocations[i] = IModelToken.Allocation(wallets[i], member.amount, false, false);
            sum += member.amount;
        }
    }

    /// @dev Records launch `l` of `model` and hands the model over: the team keeps publishing versions (the DAO can
    /// revoke it), and the DAO becomes the model's owner.
    function _complete(ModelId model, Launch memory l, uint256 generation, LaunchKind kind, address[] memory wallets)
        private
    {
        // Cannot truncate: each generation is one governance call, so there are far fewer than 2^88.
        _launches[model] = LaunchRecord(l.offering, uint88(generation), kind);
        uint256 count = _launchCount;
        _launchedModels[count] = model;
        // Cannot truncate: every launch is a model, and one launch costs over a million gas.
        _launchCount = uint80(count + 1);
        emit ModelLaunched(model, msg.sender, l.token, l.offering, l.governor, l.timelock, wallets);
        _grantPublisher(model, msg.sender);
        IERC721(address(registry)).transferFrom(msg.sender, l.timelock, model.tokenId());
    }

    /// @dev Creates the team's vesting wallets and mints the supply: the sale (which forwards what its tokens
    /// earn to their buyers, and holds the liquidity reserve when it opens a pool), the team's wallets, the
    /// treasury and the liquidity reserve; a pool's address is excluded from revenue before it exists.
    function _mintSupply(Launch memory l, LaunchParams calldata p, Implementations storage impl)
        private
        returns (address[] memory wallets)
    {
        uint256 teamCount = p.team.length;
        IModelToken.Allocation[] memory allocations;
        uint256 sum;
        (wallets, allocations, sum) = _vest(p.team, impl.vesting, p.sale.end);
        sum += p.sale.tokensForSale + p.treasuryAmount + p.liquidityAmount;
        if (sum != p.supply) revert LaunchSplitMismatch(sum, p.supply);
        allocations[teamCount + 1] = IModelToken.Allocation(l.timelock, p.treasuryAmount, false, false);
        if (p.pool.lockDuration == 0) {
            allocations[teamCount] = IModelToken.Allocation(l.offering, p.sale.tokensForSale, true, false);
            allocations[teamCount + 2] = IModelToken.Allocation(
                p.liquidityRecipient == address(0) ? l.timelock : p.liquidityRecipient, p.liquidityAmount, false, false
            );
        } else {
            allocations[teamCount] =
                IModelToken.Allocation(l.offering, p.sale.tokensForSale + p.liquidityAmount, true, false);
            IModelOffering.Market memory m = IModelOffering(impl.offering).market();
            if (m.factory == address(0)) revert LaunchInvalidPool(p.liquidityAmount, p.pool.proceedsBps, p.pool.lockDuration);
            address quote = p.sale.paymentToken == address(0) ? m.weth : p.sale.paymentToken;
            address pool = PairAddress.compute(m.factory, m.pairCodeHash, l.token, quote);
            allocations[teamCount + 2] = IModelToken.Allocation(pool, 0, false, true);
        }
        ModelToken(payable(l.token)).initialize(p.name, p.symbol, allocations, p.revenue);
    }

    /// @dev Creates the team's vesting wallets and mints the supply of a curve launch: the curve (which holds its
    /// tokens and the pool's reserve, and forwards what they earn to its buyers), the team's wallets and the treasury;
    /// the pool is excluded from revenue at its address before anyone can create it.
    function _mintCurveSupply(Launch memory l, CurveLaunchParams calldata p, Implementations storage impl)
        private
        returns (address[] memory wallets)
    {
        IModelOffering.Market memory m = IBondingCurve(impl.curve).market();
        if (m.factory == address(0)) {
            revert IBondingCurve.CurveInvalidLock(p.curve.lockDuration, LIQUIDITY_MIN_LOCK, LIQUIDITY_MAX_LOCK);
        }
        uint256 teamCount = p.team.length;
        IModelToken.Allocation[] memory allocations;
        uint256 sum;
        (wallets, allocations, sum) = _vest(p.team, impl.vesting, p.curve.deadline);
        uint256 held = p.curve.tokensForCurve + p.liquidityAmount;
        sum += held + p.treasuryAmount;
        if (sum != p.supply) revert LaunchSplitMismatch(sum, p.supply);
        allocations[teamCount] = IModelToken.Allocation(l.offering, held, true, false);
        allocations[teamCount + 1] = IModelToken.Allocation(l.timelock, p.treasuryAmount, false, false);
        address quote = p.curve.paymentToken == address(0) ? m.weth : p.curve.paymentToken;
        allocations[teamCount + 2] =
            IModelToken.Allocation(PairAddress.compute(m.factory, m.pairCodeHash, l.token, quote), 0, false, true);
        ModelToken(payable(l.token)).initialize(p.name, p.symbol, allocations, p.revenue);
    }

    /// @dev The addresses of `model`'s token, governor and timelock as clones of `impl` (the sale's also depends
    /// on its terms).
    function _predict(Implementations memory impl, ModelId model) private view returns (Launch memory l) {
        bytes32 salt = bytes32(model.tokenId());
        l.token = Clones.predictDeterministicAddressWithImmutableArgs(impl.token, abi.encode(registry, model), salt);
        l.governor = Clones.predictDeterministicAddress(impl.governor, salt);
        l.timelock = Clones.predictDeterministicAddress(impl.timelock, salt);
    }

    /// @dev The sale of launch `l` by `team` with terms `sale`, at the current fee.
    function _saleConfig(Launch memory l, address team, LaunchParams calldata p)
        private
        view
        returns (IModelOffering.Config memory)
    {
        return IModelOffering.Config({
            token: l.token,
            treasury: l.timelock,
            admin: team,
            fee: IModelOffering.Fee(feeRecipient, feeBps),
            sale: p.sale,
            pool: IModelOffering.PoolTerms(
                p.pool.lockDuration == 0 ? 0 : p.liquidityAmount, p.pool.proceedsBps, p.pool.lockDuration
            )
        });
    }

    /// @dev A pool needs a reserve the sale holds, a share of the proceeds to pair it with, and a lock the
    /// liquidity lock accepts (checked here, so that a launch fails now rather than at its finalisation).
    function _checkPool(LaunchParams calldata p) private pure {
        uint256 lock = p.pool.lockDuration;
        if (lock == 0) return;
        uint256 bps = p.pool.proceedsBps;
        if (
            p.liquidityAmount == 0 || p.liquidityRecipient != address(0) || bps == 0 || bps > 10_000
                || lock < LIQUIDITY_MIN_LOCK || lock > LIQUIDITY_MAX_LOCK
        ) revert LaunchInvalidPool(p.liquidityAmount, bps, lock);
    }

    /// @dev The DAO's rules that buyers rely on: a quorum, and time to settle, delegate, vote and leave.
    function _checkDao(ModelGovernor.Settings calldata dao, uint256 timelockDelay) private pure {
        uint256 quorum = dao.quorumPercent;
        if (quorum == 0 || quorum > 100) revert LaunchInvalidQuorum(quorum);
        if (dao.votingDelay < MIN_VOTING_DELAY) revert LaunchVotingDelayTooShort(dao.votingDelay, MIN_VOTING_DELAY);
        if (dao.votingPeriod < MIN_VOTING_PERIOD) {
            revert LaunchVotingPeriodTooShort(dao.votingPeriod, MIN_VOTING_PERIOD);
        }
        if (timelockDelay < MIN_TIMELOCK_DELAY) revert LaunchTimelockDelayTooShort(timelockDelay, MIN_TIMELOCK_DELAY);
    }

    /// @dev The liquidity reserve must reach someone who can use it: not the launch's own token, sale or
    /// governor, the factory or the registry, none of which can ever move it. (Zero means the treasury.)
    function _checkLiquidityRecipient(address recipient, Launch memory l) private view {
        if (
            recipient == l.token || recipient == l.offering || recipient == l.governor || recipient == address(this)
                || recipient == address(registry)
        ) revert LaunchInvalidLiquidityRecipient(recipient);
    }

    function _setFee(address recipient, uint16 bps) private {
        if (bps > MAX_FEE_BPS) revert LaunchFeeTooHigh(bps, MAX_FEE_BPS);
        // A fee paid to the zero address would be burned (ETH) or stuck (ERC-20s that refuse it).
        if (bps != 0 && recipient == address(0)) revert LaunchFeeRecipientMissing();
        feeRecipient = recipient;
        feeBps = bps;
        emit LaunchFeeSet(recipient, bps);
    }

    function _setImplementations(Implementations memory impl) private {
        _requireContract(impl.token);
        _requireContract(impl.offering);
        _requireContract(impl.vesting);
        _requireContract(impl.governor);
        _requireContract(impl.timelock);
        _requireContract(impl.curve);
        _generations.push(impl);
        emit LaunchImplementationsSet(_generations.length - 1, impl);
    }

    function _requireContract(address implementation) private view {
        if (implementation.code.length == 0) revert LaunchInvalidImplementation(implementation);
    }

    /// @dev A team that is already a publisher stays one; any other refusal stops the launch.
    function _grantPublisher(ModelId model, address team) private {
        // solhint-disable-next-line no-empty-blocks
        try registry.setPublisher(model, team, true) {}
        catch (bytes memory reason) {
            if (bytes4(reason) != IModelRegistry.RegistryPublisherUnchanged.selector) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }
}
