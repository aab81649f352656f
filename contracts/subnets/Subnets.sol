// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ISubnets} from "../interfaces/ISubnets.sol";
import {Cid} from "../libraries/Cid.sol";
import {SubnetRewards, StakePool, StakePosition} from "./SubnetRewards.sol";
import {Candidate, Hyperparameters, MetagraphWord, Neuron, SubnetState, WeightCommit} from "./SubnetStorage.sol";
import {YumaEpoch} from "./YumaEpoch.sol";

/// @title Subnets
/// @notice All subnets of the protocol (see {ISubnets}): creation, registration, stake, weights, epochs and
/// rewards. The Yuma epoch runs in the linked {YumaEpoch} library on the subnet's own storage.
/// @dev The protocol owner (the protocol DAO's timelock) only sets the creation fee.
contract Subnets is ISubnets, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Highest creation fee the protocol owner may set, in wei.
    uint256 public constant MAX_CREATION_FEE = 100 ether;

    // Hyperparameter bounds (inclusive).
    uint256 internal constant MIN_TEMPO = 1;
    uint256 internal constant MAX_TEMPO = 216_000;
    uint256 internal constant MAX_UIDS = 256;
    uint256 internal constant MAX_VALIDATORS = 64;
    uint256 internal constant MAX_IMMUNITY_PERIOD = 1_000_000;
    uint256 internal constant MAX_BONDS_MOVING_AVERAGE = 1_000_000;
    uint256 internal constant MIN_ACTIVITY_CUTOFF = 1;
    uint256 internal constant MIN_REVEAL_PERIOD = 1;
    uint256 internal constant MAX_REVEAL_PERIOD = 32;
    /// Half of every epoch's emission: the rest goes to the UIDs.
    uint256 internal constant MAX_OWNER_CUT = 32_767;
    uint256 internal constant MIN_PRICE_HALF_LIFE = 1;

    /// Registration price growth per registration: x1.26.
    uint256 internal constant PRICE_GROWTH_NUMERATOR = 126;
    uint256 internal constant PRICE_GROWTH_DENOMINATOR = 100;

    uint256 internal constant NONE = type(uint256).max;

    /// @inheritdoc ISubnets
    uint256 public creationFee;
    /// @inheritdoc ISubnets
    uint256 public collectedFees;
    /// @inheritdoc ISubnets
    uint256 public subnetCount;

    mapping(uint256 netuid => SubnetState) internal _subnets;

    modifier onlySubnetOwner(uint256 netuid) {
        if (_subnet(netuid).owner != msg.sender) revert SubnetNotOwner(netuid, msg.sender);
        _;
    }

    /// @param initialOwner The protocol owner (the protocol DAO's timelock).
    /// @param initialCreationFee Creation fee in wei.
    constructor(address initialOwner, uint256 initialCreationFee) Ownable(initialOwner) {
        _setCreationFee(initialCreationFee);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Protocol
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function setCreationFee(uint256 fee) external onlyOwner {
        _setCreationFee(fee);
    }

    /// @inheritdoc ISubnets
    function withdrawFees() external nonReentrant {
        uint256 amount = collectedFees;
        if (amount == 0) revert SubnetNoFees();
        collectedFees = 0;
        address to = owner();
        emit SubnetFeesWithdrawn(to, amount);
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert SubnetFeeTransferFailed(to, amount);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Subnets
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function createSubnet(SubnetParams calldata params) external payable returns (uint256 netuid) {
        if (msg.value != creationFee) revert SubnetWrongCreationFee(msg.value, creationFee);
        if (params.stakeToken.code.length == 0) revert SubnetInvalidToken(params.stakeToken);
        if (params.rewardToken.code.length == 0) revert SubnetInvalidToken(params.rewardToken);
        (bytes32 digest, uint8 prefix) = Cid.pack(params.metadataCid);
        _validate(params.hyperparameters, 0);

        netuid = ++subnetCount;
        SubnetState storage s = _subnets[netuid];
        s.owner = msg.sender;
        s.stakeToken = IERC20(params.stakeToken);
        s.rewardToken = IERC20(params.rewardToken);
        s.stakeScale = _stakeScale(params.stakeToken);
        s.params = params.hyperparameters;
        s.lastPrice = params.hyperparameters.minPrice;
        s.lastPriceBlock = uint64(block.number);
        s.createdAt = uint64(block.number);
        s.model = params.model;
        s.metadataDigest = digest;
        s.metadataPrefix = prefix;
        collectedFees += msg.value;

        emit SubnetCreated(
            netuid,
            msg.sender,
            params.stakeToken,
            params.rewardToken,
            params.model,
            params.metadataCid
        );
        emit SubnetHyperparametersSet(netuid, params.hyperparameters);
    }

    /// @inheritdoc ISubnets
    function setHyperparameters(uint256 netuid, Hyperparameters calldata params) external onlySubnetOwner(netuid) {
        SubnetState storage s = _subnets[netuid];
        _requireIdle(s, netuid);
        _validate(params, s.n);
        s.params = params;
        emit SubnetHyperparametersSet(netuid, params);
    }

    /// @inheritdoc ISubnets
    function setMetadata(uint256 netuid, bytes calldata metadataCid) external onlySubnetOwner(netuid) {
        SubnetState storage s = _subnets[netuid];
        (s.metadataDigest, s.metadataPrefix) = Cid.pack(metadataCid);
        emit SubnetMetadataSet(netuid, metadataCid);
    }

    /// @inheritdoc ISubnets
    function transferSubnetOwnership(uint256 netuid, address newOwner) external onlySubnetOwner(netuid) {
        _subnets[netuid].pendingOwner = newOwner;
        emit SubnetOwnershipTransferStarted(netuid, msg.sender, newOwner);
    }

    /// @inheritdoc ISubnets
    function acceptSubnetOwnership(uint256 netuid) external {
        SubnetState storage s = _subnet(netuid);
        if (s.pendingOwner != msg.sender) revert SubnetNotPendingOwner(netuid, msg.sender);
        address previous = s.owner;
        s.owner = msg.sender;
        s.pendingOwner = address(0);
        emit SubnetOwnershipTransferred(netuid, previous, msg.sender);
    }

    /// @inheritdoc ISubnets
    function setOwnerHotkey(uint256 netuid, address hotkey) external onlySubnetOwner(netuid) {
        SubnetState storage s = _subnets[netuid];
        // The owner's UID is a row of the running epoch.
        _requireIdle(s, netuid);
        s.ownerHotkey = hotkey;
        emit SubnetOwnerHotkeySet(netuid, hotkey);
    }

    // ------------------------------------------------------------------------------------------------------------
    // UIDs
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function register(uint256 netuid, address hotkey, address coldkey, uint256 maxPrice)
        external
        nonReentrant
        returns (uint256 uid)
    {
        SubnetState storage s = _subnet(netuid);
        _requireIdle(s, netuid);
        if (hotkey == address(0)) revert SubnetInvalidHotkey(hotkey);
        coldkey = _coldkeyFor(s, hotkey, coldkey);
        uint256 plusOne = s.uidPlusOne[hotkey];
        if (plusOne != 0) revert SubnetAlreadyRegistered(netuid, hotkey, plusOne - 1);
        uint256 price = _price(s);
        if (price > maxPrice) revert SubnetPriceAboveMax(price, maxPrice);

        uint256 n = s.n;
        if (n < s.params.maxUids) {
            uid = n;
            // Overflow not possible: n < maxUids <= 256.
            unchecked {
                s.n = uint16(n + 1);
            }
        } else {
            uid = _uidToPrune(s, n);
            if (uid == NONE) revert SubnetNoUidToPrune(netuid);
            _clearUid(s, netuid, uid, n);
        }
        s.neurons[uid] = Neuron({hotkey: hotkey, registeredAt: uint64(block.number)});
        s.uidPlusOne[hotkey] = uid + 1;
        uint256 next = (price * PRICE_GROWTH_NUMERATOR + PRICE_GROWTH_DENOMINATOR - 1) / PRICE_GROWTH_DENOMINATOR;
        uint256 ceiling = s.params.maxPrice;
        s.lastPrice = uint128(next < ceiling ? next : ceiling);
        s.lastPriceBlock = uint64(block.number);
        emit NeuronRegistered(netuid, uid, hotkey, coldkey, price);

        s.rewardPool += _pull(s.rewardToken, price);
    }

    /// @inheritdoc ISubnets
    function publishCandidate(uint256 netuid, bytes calldata weightsCid, bytes calldata metadataCid) external {
        SubnetState storage s = _subnet(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        (bytes32 weightsDigest, uint8 weightsPrefix) = Cid.pack(weightsCid);
        (bytes32 metadataDigest, uint8 metadataPrefix) = Cid.packOptional(metadataCid);
        s.candidates[uid] = Candidate({
            weightsDigest: weightsDigest,
            metadataDigest: metadataDigest,
            weightsPrefix: weightsPrefix,
            metadataPrefix: metadataPrefix,
            publishedAt: uint64(block.number)
        });
        emit CandidatePublished(netuid, uid, weightsCid, metadataCid);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Weights
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function commitWeights(uint256 netuid, bytes32 hash) external {
        SubnetState storage s = _subnet(netuid);
        _requireIdle(s, netuid);
        if (!s.params.commitReveal) revert SubnetCommitRevealDisabled(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        WeightCommit storage c = s.commits[uid];
        _checkRateLimit(s, uid, c.blockNumber);
        uint64 epoch = s.epochNumber;
        c.hash = hash;
        c.epoch = epoch;
        c.blockNumber = uint64(block.number);
        emit WeightsCommitted(netuid, uid, hash, epoch + s.params.revealPeriod);
    }

    /// @inheritdoc ISubnets
    function revealWeights(
        uint256 netuid,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt,
        uint64 versionKey
    ) external {
        SubnetState storage s = _subnet(netuid);
        _requireIdle(s, netuid);
        if (!s.params.commitReveal) revert SubnetCommitRevealDisabled(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        WeightCommit storage c = s.commits[uid];
        bytes32 committed = c.hash;
        if (committed == 0) revert SubnetNoCommit(uid);
        uint256 revealEpoch = uint256(c.epoch) + s.params.revealPeriod;
        uint256 epochNumber = s.epochNumber;
        if (epochNumber < revealEpoch) revert SubnetRevealTooEarly(uid, epochNumber, revealEpoch);
        if (epochNumber > revealEpoch) revert SubnetRevealExpired(uid, epochNumber, revealEpoch);
        bytes32 hash = keccak256(abi.encode(msg.sender, netuid, uids, weights, salt, versionKey));
        if (hash != committed) revert SubnetRevealMismatch(uid, hash, committed);
        // The commit is consumed; its block stays for the commit rate limit.
        c.hash = 0;
        _storeWeights(s, uid, uids, weights);
        emit WeightsSet(netuid, uid, true);
    }

    /// @inheritdoc ISubnets
    function setWeights(uint256 netuid, uint16[] calldata uids, uint16[] calldata weights, uint64) external {
        SubnetState storage s = _subnet(netuid);
        _requireIdle(s, netuid);
        if (s.params.commitReveal) revert SubnetCommitRevealEnabled(netuid);
        uint256 uid = _uidOfCaller(s, netuid);
        _checkRateLimit(s, uid, s.lastUpdate[uid]);
        _storeWeights(s, uid, uids, weights);
        emit WeightsSet(netuid, uid, false);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Stake
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function stake(uint256 netuid, address hotkey, uint256 amount) external nonReentrant {
        SubnetState storage s = _subnet(netuid);
        if (amount == 0) revert SubnetZeroAmount();
        if (s.coldkeys[hotkey] == address(0)) revert SubnetNotRegistered(netuid, hotkey);
        uint256 received = _pull(s.stakeToken, amount);
        if (received == 0) revert SubnetZeroAmount();
        uint64 from = SubnetRewards.addStake(s, hotkey, msg.sender, received);
        emit Staked(netuid, hotkey, msg.sender, received, from);
    }

    /// @inheritdoc ISubnets
    function unstake(uint256 netuid, address hotkey, uint256 amount) external nonReentrant {
        SubnetState storage s = _subnet(netuid);
        // The running epoch reads active stake until it credits the dividends.
        _requireIdle(s, netuid);
        if (amount == 0) revert SubnetZeroAmount();
        uint256 rewards = SubnetRewards.removeStake(s, hotkey, msg.sender, amount);
        emit Unstaked(netuid, hotkey, msg.sender, amount);
        if (rewards != 0) emit StakeRewardsClaimed(netuid, hotkey, msg.sender, msg.sender, rewards);
        s.stakeToken.safeTransfer(msg.sender, amount);
        if (rewards != 0) s.rewardToken.safeTransfer(msg.sender, rewards);
    }

    /// @inheritdoc ISubnets
    function setTake(uint256 netuid, address hotkey, uint16 take) external {
        SubnetState storage s = _subnet(netuid);
        if (s.coldkeys[hotkey] != msg.sender) revert SubnetNotColdkey(hotkey, msg.sender);
        if (take > SubnetRewards.DEFAULT_TAKE) revert SubnetTakeTooHigh(take, SubnetRewards.DEFAULT_TAKE);
        uint64 from = SubnetRewards.setTake(s, s.pools[hotkey], take);
        emit TakeSet(netuid, hotkey, take, from);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Rewards and epochs
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function fund(uint256 netuid, uint256 amount) external nonReentrant {
        SubnetState storage s = _subnet(netuid);
        if (amount == 0) revert SubnetZeroAmount();
        uint256 received = _pull(s.rewardToken, amount);
        s.rewardPool += received;
        emit SubnetFunded(netuid, msg.sender, received);
    }

    /// @inheritdoc ISubnets
    function claim(uint256 netuid, address to) external nonReentrant returns (uint256 amount) {
        SubnetState storage s = _subnet(netuid);
        if (to == address(0)) revert SubnetInvalidRecipient(to);
        amount = s.claimable[msg.sender];
        if (amount == 0) revert SubnetNothingToClaim(msg.sender);
        s.claimable[msg.sender] = 0;
        emit RewardsClaimed(netuid, msg.sender, to, amount);
        s.rewardToken.safeTransfer(to, amount);
    }

    /// @inheritdoc ISubnets
    function claimStakeRewards(uint256 netuid, address[] calldata hotkeys, address to)
        external
        nonReentrant
        returns (uint256 amount)
    {
        SubnetState storage s = _subnet(netuid);
        if (to == address(0)) revert SubnetInvalidRecipient(to);
        for (uint256 i; i < hotkeys.length; ++i) {
            address hotkey = hotkeys[i];
            StakePosition storage pos = s.positions[hotkey][msg.sender];
            SubnetRewards.settle(s, s.pools[hotkey], pos);
            uint256 rewards = SubnetRewards.takeRewards(pos);
            if (rewards != 0) {
                amount += rewards;
                emit StakeRewardsClaimed(netuid, hotkey, msg.sender, to, rewards);
            }
        }
        if (amount == 0) revert SubnetNothingToClaim(msg.sender);
        s.rewardToken.safeTransfer(to, amount);
    }

    /// @inheritdoc ISubnets
    function advanceEpoch(uint256 netuid) external nonReentrant returns (bool done) {
        SubnetState storage s = _subnet(netuid);
        if (s.epoch.phase == 0) {
            _startEpoch(s, netuid);
            return false;
        }
        uint256 paid;
        (done, paid) = YumaEpoch.step(s);
        uint64 epoch = s.epochNumber;
        if (!done) {
            emit EpochStepped(netuid, epoch, msg.sender);
            return false;
        }
        uint256 emission = s.epochEmission;
        uint256 dust = paid < emission ? emission - paid : 0;
        s.epochEmission = 0;
        s.epochNumber = epoch + 1;
        s.lastEpochBlock = s.runningEpochBlock;
        uint256 pool = s.rewardPool + dust;
        uint256 keeper = s.params.keeperReward;
        if (keeper > pool) keeper = pool;
        s.rewardPool = pool - keeper;
        emit EpochCompleted(netuid, epoch, emission, paid, dust);
        if (keeper != 0) {
            s.claimable[msg.sender] += keeper;
            emit KeeperRewarded(netuid, msg.sender, keeper);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function defaultHyperparameters() public pure returns (Hyperparameters memory) {
        return
            Hyperparameters({
                tempo: 360,
                maxUids: 256,
                maxValidators: 64,
                immunityPeriod: 4096,
                minNonImmuneUids: 10,
                kappa: 32_767,
                bondsMovingAverage: 900_000,
                bondsPenalty: 65_535,
                activityCutoff: 5000,
                weightsRateLimit: 100,
                minAllowedWeights: 1,
                commitReveal: true,
                revealPeriod: 1,
                yuma3: false,
                ownerCut: 11_796,
                minPrice: 1e18,
                maxPrice: 1e24,
                priceHalfLife: 7200,
                emission: 1e18,
                keeperReward: 0
            });
    }

    /// @inheritdoc ISubnets
    function weightsCommitHash(
        address hotkey,
        uint256 netuid,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt,
        uint64 versionKey
    ) external pure returns (bytes32) {
        return keccak256(abi.encode(hotkey, netuid, uids, weights, salt, versionKey));
    }

    /// @inheritdoc ISubnets
    function subnet(uint256 netuid) external view returns (SubnetInfo memory info) {
        SubnetState storage s = _subnet(netuid);
        info.owner = s.owner;
        info.pendingOwner = s.pendingOwner;
        info.stakeToken = address(s.stakeToken);
        info.rewardToken = address(s.rewardToken);
        info.stakeScale = s.stakeScale;
        info.ownerHotkey = s.ownerHotkey;
        info.model = s.model;
        info.metadataCid = Cid.unpack(s.metadataDigest, s.metadataPrefix);
        info.createdAt = s.createdAt;
        info.n = s.n;
        info.epochNumber = s.epochNumber;
        info.lastEpochBlock = s.lastEpochBlock;
        info.nextEpochBlock = uint64(_dueBlock(s));
        info.epochRunning = s.epoch.phase != 0;
        info.rewardPool = s.rewardPool;
        info.validatorPermits = s.validatorPermits;
    }

    /// @inheritdoc ISubnets
    function hyperparameters(uint256 netuid) external view returns (Hyperparameters memory) {
        return _subnet(netuid).params;
    }

    /// @inheritdoc ISubnets
    function registrationPrice(uint256 netuid) external view returns (uint256) {
        return _price(_subnet(netuid));
    }

    /// @inheritdoc ISubnets
    function neuron(uint256 netuid, uint256 uid) external view returns (NeuronInfo memory) {
        SubnetState storage s = _subnet(netuid);
        if (uid >= s.n) revert SubnetUidOutOfRange(uid, s.n);
        return _neuron(s, uid);
    }

    /// @inheritdoc ISubnets
    function neurons(uint256 netuid, uint256 start, uint256 count) external view returns (NeuronInfo[] memory list) {
        SubnetState storage s = _subnet(netuid);
        uint256 n = s.n;
        uint256 end = start >= n ? start : (count > n - start ? n : start + count);
        list = new NeuronInfo[](end - start);
        for (uint256 uid = start; uid < end; ++uid) list[uid - start] = _neuron(s, uid);
    }

    /// @inheritdoc ISubnets
    function uidOf(uint256 netuid, address hotkey) external view returns (bool registered, uint16 uid) {
        uint256 plusOne = _subnet(netuid).uidPlusOne[hotkey];
        if (plusOne != 0) return (true, uint16(plusOne - 1));
    }

    /// @inheritdoc ISubnets
    function coldkeyOf(uint256 netuid, address hotkey) external view returns (address) {
        return _subnet(netuid).coldkeys[hotkey];
    }

    /// @inheritdoc ISubnets
    function stakeOf(uint256 netuid, address hotkey) external view returns (StakeInfo memory info) {
        SubnetState storage s = _subnet(netuid);
        StakePool storage pool = s.pools[hotkey];
        info.active = pool.active;
        info.pending = pool.pending;
        info.pendingFrom = pool.pendingFrom;
        if (info.pending != 0 && info.pendingFrom <= s.epochsStarted) {
            info.active += info.pending;
            info.pending = 0;
            info.pendingFrom = 0;
        }
        info.take = SubnetRewards.takeOf(s, pool);
        bool scheduled = pool.takeSet && pool.nextTakeFrom > s.epochsStarted;
        info.nextTake = scheduled ? pool.nextTake : info.take;
        info.nextTakeFrom = scheduled ? pool.nextTakeFrom : 0;
        info.rewardPerStake = pool.rewardPerStake;
    }

    /// @inheritdoc ISubnets
    function positionOf(uint256 netuid, address hotkey, address staker)
        external
        view
        returns (PositionInfo memory info)
    {
        SubnetState storage s = _subnet(netuid);
        StakePosition storage pos = s.positions[hotkey][staker];
        (info.rewards, info.active, info.pending) = SubnetRewards.pendingRewards(s, s.pools[hotkey], pos);
        if (info.pending != 0) info.pendingFrom = pos.pendingFrom;
    }

    /// @inheritdoc ISubnets
    function claimable(uint256 netuid, address account) external view returns (uint256) {
        return _subnet(netuid).claimable[account];
    }

    /// @inheritdoc ISubnets
    function commitOf(uint256 netuid, uint256 uid) external view returns (CommitInfo memory info) {
        SubnetState storage s = _subnet(netuid);
        WeightCommit storage c = s.commits[uid];
        if (c.hash == 0) return info;
        info.hash = c.hash;
        info.epoch = c.epoch;
        info.blockNumber = c.blockNumber;
        info.revealEpoch = c.epoch + s.params.revealPeriod;
    }

    /// @inheritdoc ISubnets
    function weightsOf(uint256 netuid, uint256 uid) external view returns (uint16[] memory weights) {
        SubnetState storage s = _subnet(netuid);
        uint256 n = s.n;
        weights = new uint16[](n);
        uint256[16] storage row = s.weights[uid];
        for (uint256 j; j < n; ++j) weights[j] = uint16(row[j >> 4] >> ((j & 15) << 4));
    }

    /// @inheritdoc ISubnets
    function candidateOf(uint256 netuid, uint256 uid) external view returns (CandidateInfo memory info) {
        Candidate storage c = _subnet(netuid).candidates[uid];
        if (c.publishedAt == 0) return info;
        info.weightsCid = Cid.unpack(c.weightsDigest, c.weightsPrefix);
        if (c.metadataPrefix != 0) info.metadataCid = Cid.unpack(c.metadataDigest, c.metadataPrefix);
        info.publishedAt = c.publishedAt;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    function _setCreationFee(uint256 fee) internal {
        if (fee > MAX_CREATION_FEE) revert SubnetCreationFeeTooHigh(fee, MAX_CREATION_FEE);
        creationFee = fee;
        emit SubnetCreationFeeSet(fee);
    }

    function _subnet(uint256 netuid) internal view returns (SubnetState storage s) {
        s = _subnets[netuid];
        if (s.owner == address(0)) revert SubnetNotFound(netuid);
    }

    function _requireIdle(SubnetState storage s, uint256 netuid) internal view {
        if (s.epoch.phase != 0) revert SubnetEpochRunning(netuid);
    }

    function _dueBlock(SubnetState storage s) internal view returns (uint256) {
        uint256 last = s.lastEpochBlock;
        return (last == 0 ? s.createdAt : last) + s.params.tempo;
    }

    /// Takes the emission from the pool, credits the owner's cut and starts the epoch.
    function _startEpoch(SubnetState storage s, uint256 netuid) internal {
        uint256 due = _dueBlock(s);
        if (block.number < due) revert SubnetEpochNotDue(netuid, due);
        uint256 pool = s.rewardPool;
        uint256 emission = s.params.emission;
        if (emission > pool) emission = pool;
        s.rewardPool = pool - emission;
        uint256 cut = (emission * s.params.ownerCut) / 65_535;
        if (cut != 0) s.claimable[s.owner] += cut;
        s.epochEmission = emission - cut;
        s.epochsStarted += 1;
        s.runningEpochBlock = uint64(block.number);
        emit EpochStarted(netuid, s.epochNumber, emission, cut);
        YumaEpoch.start(s);
    }

    /// The coldkey of `hotkey` registering now: fixed at its first registration on the subnet, by the hotkey itself.
    function _coldkeyFor(SubnetState storage s, address hotkey, address coldkey) internal returns (address) {
        address known = s.coldkeys[hotkey];
        if (known == address(0)) {
            // Only the hotkey may bind itself to a coldkey: nobody registers an address they do not control.
            if (msg.sender != hotkey) revert SubnetNotHotkeyOrColdkey(msg.sender, hotkey);
            if (coldkey == address(0)) coldkey = msg.sender;
            s.coldkeys[hotkey] = coldkey;
            return coldkey;
        }
        if (msg.sender != hotkey && msg.sender != known) revert SubnetNotHotkeyOrColdkey(msg.sender, hotkey);
        if (coldkey != address(0) && coldkey != known) revert SubnetColdkeyMismatch(hotkey, coldkey, known);
        return known;
    }

    /// The registration price now: the last price (raised after the last registration) halved every
    /// `priceHalfLife` blocks, linear within a half-life, then clamped to [minPrice, maxPrice].
    function _price(SubnetState storage s) internal view returns (uint256 price) {
        uint256 halfLife = s.params.priceHalfLife;
        uint256 elapsed = block.number - s.lastPriceBlock;
        uint256 halvings = elapsed / halfLife;
        if (halvings < 128) {
            price = uint256(s.lastPrice) >> halvings;
            // Rounds the decrease down, so the price rounds up (in the pool's favour).
            price -= (price * (elapsed % halfLife)) / (2 * halfLife);
        }
        uint256 floor = s.params.minPrice;
        uint256 ceiling = s.params.maxPrice;
        if (price < floor) price = floor;
        if (price > ceiling) price = ceiling;
    }

    /// subtensor's `get_neuron_to_prune`: never the owner's hotkey; among UIDs out of immunity the lowest emission,
    /// then the earliest registration, then the lowest UID, while more than `minNonImmuneUids` are out of
    /// immunity; else the best immune UID by the same order. Unlike subtensor, when no UID is immune the best
    /// non-immune one is taken even at or below that floor, so that a subnet with few UIDs never locks newcomers
    /// out. Returns NONE when every UID is the owner's.
    function _uidToPrune(SubnetState storage s, uint256 n) internal view returns (uint256) {
        address ownerHotkey = s.ownerHotkey;
        uint256 immunity = s.params.immunityPeriod;
        uint256 free;
        uint256 bestFree = NONE;
        uint256 bestImmune = NONE;
        for (uint256 uid; uid < n; ++uid) {
            Neuron storage nr = s.neurons[uid];
            if (nr.hotkey == ownerHotkey) continue;
            uint256 registeredAt = nr.registeredAt;
            // One key orders by emission (160 bits), then registration block (64), then UID (16).
            uint256 key = (MetagraphWord.emission(s.metagraph[uid]) << 96) | (registeredAt << 32) | uid;
            if (block.number < registeredAt + immunity) {
                if (key < bestImmune) bestImmune = key;
            } else {
                ++free;
                if (key < bestFree) bestFree = key;
            }
        }
        uint256 best = (free > s.params.minNonImmuneUids || bestImmune == NONE) ? bestFree : bestImmune;
        return best == NONE ? NONE : uint16(best);
    }

    /// Clears a UID for its new hotkey: weights, bonds, commit, candidate, metagraph entry, last update, permit.
    function _clearUid(SubnetState storage s, uint256 netuid, uint256 uid, uint256 n) internal {
        address old = s.neurons[uid].hotkey;
        delete s.uidPlusOne[old];
        uint256 words = (n + 15) >> 4;
        uint256[16] storage weightsRow = s.weights[uid];
        uint256[16] storage bondsRow = s.bonds[uid];
        for (uint256 w; w < words; ++w) {
            if (weightsRow[w] != 0) weightsRow[w] = 0;
            if (bondsRow[w] != 0) bondsRow[w] = 0;
        }
        delete s.commits[uid];
        delete s.candidates[uid];
        s.metagraph[uid] = 0;
        s.lastUpdate[uid] = 0;
        s.validatorPermits &= ~(uint256(1) << uid);
        emit NeuronPruned(netuid, uid, old);
    }

    function _uidOfCaller(SubnetState storage s, uint256 netuid) internal view returns (uint256) {
        uint256 plusOne = s.uidPlusOne[msg.sender];
        if (plusOne == 0) revert SubnetNotRegistered(netuid, msg.sender);
        return plusOne - 1;
    }

    function _checkRateLimit(SubnetState storage s, uint256 uid, uint256 last) internal view {
        if (last == 0) return;
        uint256 next = last + s.params.weightsRateLimit;
        if (block.number < next) revert SubnetWeightsRateLimited(uid, next);
    }

    /// subtensor's `do_set_weights` checks, then the weights max-upscaled to u16 and packed into the UID's row.
    function _storeWeights(SubnetState storage s, uint256 uid, uint16[] calldata uids, uint16[] calldata weights)
        internal
    {
        uint256 len = uids.length;
        if (len != weights.length) revert SubnetWeightsLengthMismatch(len, weights.length);
        uint256 n = s.n;
        if (!(len == 1 && uids[0] == uid)) {
            uint256 minWeights = s.params.minAllowedWeights;
            if (minWeights > n) minWeights = n;
            if (len < minWeights) revert SubnetTooFewWeights(len, minWeights);
            if (s.validatorPermits & (uint256(1) << uid) == 0) revert SubnetNoValidatorPermit(uid);
        }
        uint256 seen;
        uint256 max;
        for (uint256 i; i < len; ++i) {
            uint256 u = uids[i];
            if (u >= n) revert SubnetUidOutOfRange(u, n);
            uint256 bit = uint256(1) << u;
            if (seen & bit != 0) revert SubnetWeightsDuplicateUid(u);
            seen |= bit;
            if (weights[i] > max) max = weights[i];
        }
        uint256[16] memory row;
        if (max != 0) {
            for (uint256 i; i < len; ++i) {
                uint256 u = uids[i];
                row[u >> 4] |= ((uint256(weights[i]) * 65_535) / max) << ((u & 15) << 4);
            }
        }
        uint256[16] storage stored = s.weights[uid];
        uint256 words = (n + 15) >> 4;
        for (uint256 w; w < words; ++w) stored[w] = row[w];
        s.lastUpdate[uid] = uint64(block.number);
    }

    function _neuron(SubnetState storage s, uint256 uid) internal view returns (NeuronInfo memory info) {
        Neuron storage nr = s.neurons[uid];
        uint256 word = s.metagraph[uid];
        address hotkey = nr.hotkey;
        StakePool storage pool = s.pools[hotkey];
        info.uid = uint16(uid);
        info.hotkey = hotkey;
        info.coldkey = s.coldkeys[hotkey];
        info.registeredAt = nr.registeredAt;
        info.lastUpdate = s.lastUpdate[uid];
        info.consensus = MetagraphWord.field(word, MetagraphWord.CONSENSUS_SHIFT);
        info.incentive = MetagraphWord.field(word, MetagraphWord.INCENTIVE_SHIFT);
        info.dividends = MetagraphWord.field(word, MetagraphWord.DIVIDENDS_SHIFT);
        info.validatorTrust = MetagraphWord.field(word, MetagraphWord.VALIDATOR_TRUST_SHIFT);
        info.trust = MetagraphWord.field(word, MetagraphWord.TRUST_SHIFT);
        info.rank = MetagraphWord.field(word, MetagraphWord.RANK_SHIFT);
        info.emission = MetagraphWord.emission(word);
        info.validatorPermit = s.validatorPermits & (uint256(1) << uid) != 0;
        info.stake = pool.active;
        info.pendingStake = pool.pending;
        if (info.pendingStake != 0 && pool.pendingFrom <= s.epochsStarted) {
            info.stake += info.pendingStake;
            info.pendingStake = 0;
        }
    }

    /// Pulls `amount` of `token` from the caller and returns what arrived (fee-on-transfer tokens deliver less).
    function _pull(IERC20 token, uint256 amount) internal returns (uint256) {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        return token.balanceOf(address(this)) - before;
    }

    /// 10^(decimals - 9), at least 1: a stake weight unit is a billionth of a token, like subtensor's rao.
    function _stakeScale(address token) internal view returns (uint256) {
        (bool ok, bytes memory data) = token.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (!ok || data.length < 32) return 1;
        uint256 decimals = abi.decode(data, (uint256));
        return decimals > 9 && decimals <= 45 ? 10 ** (decimals - 9) : 1;
    }

    function _validate(Hyperparameters calldata p, uint256 n) internal pure {
        if (p.tempo < MIN_TEMPO || p.tempo > MAX_TEMPO) revert SubnetTempoOutOfBounds(p.tempo, MIN_TEMPO, MAX_TEMPO);
        uint256 minUids = n > 1 ? n : 1;
        if (p.maxUids < minUids || p.maxUids > MAX_UIDS) revert SubnetMaxUidsOutOfBounds(p.maxUids, minUids, MAX_UIDS);
        if (p.maxValidators == 0 || p.maxValidators > MAX_VALIDATORS) {
            revert SubnetMaxValidatorsOutOfBounds(p.maxValidators, MAX_VALIDATORS);
        }
        if (p.immunityPeriod > MAX_IMMUNITY_PERIOD) {
            revert SubnetImmunityPeriodTooLong(p.immunityPeriod, MAX_IMMUNITY_PERIOD);
        }
        if (p.minNonImmuneUids > p.maxUids) revert SubnetMinNonImmuneUidsTooHigh(p.minNonImmuneUids, p.maxUids);
        if (p.bondsMovingAverage > MAX_BONDS_MOVING_AVERAGE) {
            revert SubnetBondsMovingAverageTooHigh(p.bondsMovingAverage, MAX_BONDS_MOVING_AVERAGE);
        }
        if (p.activityCutoff < MIN_ACTIVITY_CUTOFF) {
            revert SubnetActivityCutoffTooShort(p.activityCutoff, MIN_ACTIVITY_CUTOFF);
        }
        if (p.minAllowedWeights > p.maxUids) revert SubnetMinAllowedWeightsTooHigh(p.minAllowedWeights, p.maxUids);
        if (p.revealPeriod < MIN_REVEAL_PERIOD || p.revealPeriod > MAX_REVEAL_PERIOD) {
            revert SubnetRevealPeriodOutOfBounds(p.revealPeriod, MIN_REVEAL_PERIOD, MAX_REVEAL_PERIOD);
        }
        if (p.ownerCut > MAX_OWNER_CUT) revert SubnetOwnerCutTooHigh(p.ownerCut, MAX_OWNER_CUT);
        if (p.minPrice == 0 || p.minPrice > p.maxPrice) revert SubnetPriceRangeInvalid(p.minPrice, p.maxPrice);
        if (p.priceHalfLife < MIN_PRICE_HALF_LIFE) {
            revert SubnetPriceHalfLifeTooShort(p.priceHalfLife, MIN_PRICE_HALF_LIFE);
        }
    }
}
