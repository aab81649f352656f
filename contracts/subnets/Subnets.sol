// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {ISubnets} from "../interfaces/ISubnets.sol";
import {Cid} from "../libraries/Cid.sol";
import {Candidate, Hyperparameters, SubnetState} from "./SubnetStorage.sol";
import {SubnetEpochs} from "./SubnetEpochs.sol";
import {SubnetLens} from "./SubnetLens.sol";
import {SubnetRegistration} from "./SubnetRegistration.sol";
import {SubnetStaking} from "./SubnetStaking.sol";
import {SubnetWeights} from "./SubnetWeights.sol";

/// @title Subnets
/// @notice All subnets of the protocol (see {ISubnets}): creation, registration, stake, weights, epochs and
/// rewards. The Yuma epoch runs in the linked {YumaEpoch} library on the subnet's own storage.
/// @dev The protocol owner (the protocol DAO's timelock) only sets the creation fee.
contract Subnets is ISubnets, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Highest creation fee the protocol owner may set, in wei.
    uint256 public constant MAX_CREATION_FEE = 100 ether;
    /// Gas given to a token's self-exclusion from revenue sharing (a model token's takes a few tens of thousands).
    uint256 private constant DECLINE_REVENUE_GAS = 100_000;

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

        netuid = ++subnetCount;
        SubnetState storage s = _subnets[netuid];
        s.owner = msg.sender;
        s.stakeToken = IERC20(params.stakeToken);
        s.rewardToken = IERC20(params.rewardToken);
        s.stakeScale = _stakeScale(params.stakeToken);
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
        SubnetRegistration.configure(s, netuid, params.hyperparameters);
        _declineRevenue(params.stakeToken);
        _declineRevenue(params.rewardToken);
    }

    /// @inheritdoc ISubnets
    function setHyperparameters(uint256 netuid, Hyperparameters calldata params) external onlySubnetOwner(netuid) {
        SubnetRegistration.queue(_subnets[netuid], netuid, params);
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
        uint256 price;
        (uid, price) = SubnetRegistration.register(s, netuid, hotkey, coldkey, maxPrice);
        s.rewardPool += _pull(s.rewardToken, price);
    }

    /// @inheritdoc ISubnets
    function publishCandidate(uint256 netuid, bytes calldata weightsCid, bytes calldata metadataCid) external {
        SubnetRegistration.publishCandidate(_subnet(netuid), netuid, weightsCid, metadataCid);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Weights
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function commitWeights(uint256 netuid, bytes32 hash) external {
        SubnetState storage s = _subnet(netuid);
        _requireIdle(s, netuid);
        SubnetWeights.commit(s, netuid, hash);
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
        SubnetWeights.reveal(s, netuid, uids, weights, salt, versionKey);
    }

    /// @inheritdoc ISubnets
    function setWeights(uint256 netuid, uint16[] calldata uids, uint16[] calldata weights, uint64 versionKey)
        external
    {
        SubnetState storage s = _subnet(netuid);
        _requireIdle(s, netuid);
        SubnetWeights.set(s, netuid, uids, weights, versionKey);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Stake
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function stake(uint256 netuid, address hotkey, uint256 amount) external nonReentrant {
        SubnetStaking.stake(_subnet(netuid), netuid, hotkey, amount);
    }

    /// @inheritdoc ISubnets
    function unstake(uint256 netuid, address hotkey, uint256 amount) external nonReentrant {
        // A running epoch read its stake weights at its start: stake that unbonds now still stays until the next.
        SubnetStaking.unstake(_subnet(netuid), netuid, hotkey, amount);
    }

    /// @inheritdoc ISubnets
    function withdrawStake(uint256 netuid, address hotkey) external nonReentrant returns (uint256) {
        return SubnetStaking.withdraw(_subnet(netuid), netuid, hotkey);
    }

    /// @inheritdoc ISubnets
    function setTake(uint256 netuid, address hotkey, uint16 take) external {
        SubnetStaking.setTake(_subnet(netuid), netuid, hotkey, take);
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
    function claim(uint256 netuid, uint256[] calldata uids, address to) external nonReentrant returns (uint256) {
        return SubnetStaking.claimRewards(_subnet(netuid), netuid, uids, to);
    }

    /// @inheritdoc ISubnets
    function claimStakeRewards(uint256 netuid, address[] calldata hotkeys, address to)
        external
        nonReentrant
        returns (uint256)
    {
        return SubnetStaking.claim(_subnet(netuid), netuid, hotkeys, to);
    }

    /// @inheritdoc ISubnets
    function advanceEpoch(uint256 netuid, uint256[] calldata consensusHints) external nonReentrant returns (bool done) {
        return SubnetEpochs.advance(_subnet(netuid), netuid, consensusHints);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISubnets
    function defaultHyperparameters() external pure returns (Hyperparameters memory) {
        return SubnetRegistration.defaults();
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
    function subnet(uint256 netuid) external view returns (SubnetInfo memory) {
        return SubnetLens.subnetInfo(_subnet(netuid));
    }

    /// @inheritdoc ISubnets
    function leaderOf(uint256 netuid) external view returns (LeaderInfo memory info) {
        SubnetState storage s = _subnet(netuid);
        (info.epoch, info.subnetOwner, info.model) = (s.epochNumber, s.owner, s.model);
        uint256 plusOne = s.leaderPlusOne;
        if (plusOne == 0) return info;
        uint256 uid = plusOne - 1;
        (info.exists, info.uid, info.streak, info.candidatePublishedAt) =
            (true, uint16(uid), s.leaderStreak, s.leaderCandidateAt);
        (info.hotkey, info.coldkey) = (s.neurons[uid].hotkey, s.uidColdkeys[uid]);
        Candidate storage candidate = s.candidates[uid];
        (info.publishedAt, info.weightsDigest, info.weightsPrefix) =
            (candidate.publishedAt, candidate.weightsDigest, candidate.weightsPrefix);
    }

    /// @inheritdoc ISubnets
    function emissionStatus(uint256 netuid)
        external
        view
        returns (address rewardToken, uint64 epochNumber, uint64 nextEpochBlock, uint256 validators)
    {
        SubnetState storage s = _subnet(netuid);
        uint256 last = s.lastEpochBlock;
        validators = s.validatorPermits;
        uint256 ownerUid = s.uidPlusOne[s.ownerHotkey];
        if (ownerUid != 0) validators &= ~(uint256(1) << (ownerUid - 1));
        return (
            address(s.rewardToken), s.epochNumber, uint64((last == 0 ? s.createdAt : last) + s.params.tempo), validators
        );
    }

    /// @inheritdoc ISubnets
    function hyperparameters(uint256 netuid) external view returns (Hyperparameters memory) {
        return SubnetRegistration.hyperparameters(_subnet(netuid));
    }

    /// @inheritdoc ISubnets
    function queuedHyperparameters(uint256 netuid) external view returns (Hyperparameters memory params, uint64 from) {
        (params, from) = SubnetRegistration.queuedHyperparameters(_subnet(netuid));
    }

    /// @inheritdoc ISubnets
    function registrationPrice(uint256 netuid) external view returns (uint256) {
        return SubnetRegistration.currentPrice(_subnet(netuid));
    }

    /// @inheritdoc ISubnets
    function neuron(uint256 netuid, uint256 uid) external view returns (NeuronInfo memory) {
        SubnetState storage s = _subnet(netuid);
        if (uid >= s.n) revert SubnetUidOutOfRange(uid, s.n);
        return SubnetLens.neurons(s, uid, 1)[0];
    }

    /// @inheritdoc ISubnets
    function neurons(uint256 netuid, uint256 start, uint256 count) external view returns (NeuronInfo[] memory) {
        return SubnetLens.neurons(_subnet(netuid), start, count);
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
    function stakeOf(uint256 netuid, address hotkey) external view returns (StakeInfo memory) {
        return SubnetLens.stakeInfo(_subnet(netuid), hotkey);
    }

    /// @inheritdoc ISubnets
    function positionOf(uint256 netuid, address hotkey, address staker) external view returns (PositionInfo memory) {
        return SubnetLens.positionInfo(_subnet(netuid), hotkey, staker);
    }

    /// @inheritdoc ISubnets
    function claimable(uint256 netuid, address account) external view returns (uint256) {
        return SubnetLens.claimable(_subnet(netuid), account);
    }

    /// @inheritdoc ISubnets
    function unclaimedUids(uint256 netuid, address coldkey) external view returns (uint256[] memory) {
        return SubnetLens.unclaimedUids(_subnet(netuid), coldkey);
    }

    /// @inheritdoc ISubnets
    function commitOf(uint256 netuid, uint256 uid) external view returns (CommitInfo memory) {
        return SubnetLens.commitInfo(_subnet(netuid), uid);
    }

    /// @inheritdoc ISubnets
    function weightsOf(uint256 netuid, uint256 uid) external view returns (uint16[] memory) {
        return SubnetLens.weightsOf(_subnet(netuid), uid);
    }

    /// @inheritdoc ISubnets
    function weightUidsOf(uint256 netuid, uint256 uid) external view returns (uint256) {
        return SubnetLens.weightUidsOf(_subnet(netuid), uid);
    }

    /// @inheritdoc ISubnets
    function bondsOf(uint256 netuid, uint256 uid) external view returns (uint16[] memory) {
        return SubnetLens.bondsOf(_subnet(netuid), uid);
    }

    /// @inheritdoc ISubnets
    function candidateOf(uint256 netuid, uint256 uid) external view returns (CandidateInfo memory) {
        return SubnetLens.candidateInfo(_subnet(netuid), uid);
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

    /// A model token pays revenue to its holders, which this contract could never use (the tokens it holds are its
    /// stakers' and its pools'): before holding any, it excludes itself from the token's revenue sharing, so that
    /// the token's other holders earn that revenue. Tokens without that function, or on which this contract is
    /// excluded already (a second subnet), refuse the call, which is ignored; its gas and returned data are bounded.
    function _declineRevenue(address token) private {
        bytes4 selector = IModelRevenue.setExcludedSelf.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 4), 1)
            pop(call(DECLINE_REVENUE_GAS, token, 0, ptr, 36, 0, 0))
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

}
