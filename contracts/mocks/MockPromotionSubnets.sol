// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubnets} from "../interfaces/ISubnets.sol";
import {Cid} from "../libraries/Cid.sol";
import {ModelId} from "../types/ModelId.sol";

/// @notice Test double: the calls the promotion contract makes on `Subnets` ({leaderOf}, {candidateOf}, {uidOf},
/// {coldkeyOf}), with each subnet's owner, model, neurons, candidates and last leader set by hand. Nothing here follows
/// the epoch's rules: a test sets whatever leader record it wants to see the promotion's answer to it.
contract MockPromotionSubnets {
    /// @dev A subnet as the three views report it; a subnet without an owner does not exist.
    struct Subnet {
        address owner;
        ModelId model;
        uint64 epoch;
        bool leaderExists;
        uint16 leaderUid;
        uint64 streak;
        uint64 candidateAt;
    }

    /// @dev A UID's keys.
    struct Neuron {
        address hotkey;
        address coldkey;
    }

    mapping(uint256 netuid => Subnet) private _subnets;
    mapping(uint256 netuid => mapping(uint256 uid => Neuron)) private _neurons;
    mapping(uint256 netuid => mapping(address hotkey => uint256)) private _uidPlusOne;
    mapping(uint256 netuid => mapping(uint256 uid => ISubnets.CandidateInfo)) private _candidates;
    mapping(uint256 netuid => mapping(address hotkey => address)) private _coldkeys;
    /// @dev Each candidate's weights CID packed as `Subnets` stores it.
    mapping(uint256 netuid => mapping(uint256 uid => Packed)) private _packed;

    /// @dev A CID packed by {Cid-pack}.
    struct Packed {
        bytes32 digest;
        uint8 prefix;
    }

    /// @notice Thrown when subnet `netuid` does not exist, as `Subnets` refuses an unknown netuid.
    error MockSubnetUnknown(uint256 netuid);

    /// @notice Creates subnet `netuid`, owned by `owner` and recording `model`, with no epoch completed.
    function create(uint256 netuid, address owner, ModelId model) external {
        Subnet storage s = _subnets[netuid];
        (s.owner, s.model) = (owner, model);
    }

    /// @notice Hands subnet `netuid` to `owner`.
    function setOwner(uint256 netuid, address owner) external {
        _known(netuid).owner = owner;
    }

    /// @notice Registers `hotkey` (owned by `coldkey`) at UID `uid`, replacing whoever held it: the old hotkey is no
    /// longer registered and the UID's candidate is dropped, as a registration that replaces a UID does. A hotkey's
    /// coldkey is the one its first registration on the subnet gave, as in `Subnets` (a later one is ignored).
    function setNeuron(uint256 netuid, uint16 uid, address hotkey, address coldkey) external {
        _known(netuid);
        address first = _coldkeys[netuid][hotkey];
        if (first == address(0)) _coldkeys[netuid][hotkey] = coldkey;
        else coldkey = first;
        Neuron storage n = _neurons[netuid][uid];
        if (n.hotkey != address(0)) delete _uidPlusOne[netuid][n.hotkey];
        (n.hotkey, n.coldkey) = (hotkey, coldkey);
        _uidPlusOne[netuid][hotkey] = uint256(uid) + 1;
        delete _candidates[netuid][uid];
    }

    /// @notice UID `uid` publishes `weightsCid` as its candidate at `publishedAt` (0 withdraws it).
    function setCandidate(uint256 netuid, uint256 uid, bytes calldata weightsCid, uint64 publishedAt) external {
        _known(netuid);
        ISubnets.CandidateInfo storage c = _candidates[netuid][uid];
        (c.weightsCid, c.publishedAt) = (weightsCid, publishedAt);
        Packed storage p = _packed[netuid][uid];
        if (weightsCid.length != 0) (p.digest, p.prefix) = Cid.pack(weightsCid);
    }

    /// @notice Completes epochs up to `epoch`, the last one led by `uid` for `streak` epochs in a row with the candidate
    /// published at `candidateAt` (no leader when `exists` is false).
    function setLeader(uint256 netuid, uint64 epoch, bool exists, uint16 uid, uint64 streak, uint64 candidateAt)
        external
    {
        Subnet storage s = _known(netuid);
        (s.epoch, s.leaderExists, s.leaderUid, s.streak, s.candidateAt) = (epoch, exists, uid, streak, candidateAt);
    }

    /// @notice As `Subnets.leaderOf`.
    function leaderOf(uint256 netuid) external view returns (ISubnets.LeaderInfo memory info) {
        Subnet storage s = _known(netuid);
        (info.epoch, info.subnetOwner, info.model) = (s.epoch, s.owner, s.model);
        if (!s.leaderExists) return info;
        (info.exists, info.uid, info.streak, info.candidatePublishedAt) = (true, s.leaderUid, s.streak, s.candidateAt);
        Neuron storage n = _neurons[netuid][s.leaderUid];
        (info.hotkey, info.coldkey) = (n.hotkey, n.coldkey);
        ISubnets.CandidateInfo storage c = _candidates[netuid][s.leaderUid];
        if (c.publishedAt != 0) {
            Packed storage p = _packed[netuid][s.leaderUid];
            (info.publishedAt, info.weightsDigest, info.weightsPrefix) = (c.publishedAt, p.digest, p.prefix);
        }
    }

    /// @notice As `Subnets.candidateOf`: empty for a UID without a candidate.
    function candidateOf(uint256 netuid, uint256 uid) external view returns (ISubnets.CandidateInfo memory) {
        _known(netuid);
        return _candidates[netuid][uid];
    }

    /// @notice As `Subnets.coldkeyOf`: the zero address for a hotkey that never registered.
    function coldkeyOf(uint256 netuid, address hotkey) external view returns (address) {
        _known(netuid);
        return _coldkeys[netuid][hotkey];
    }

    /// @notice As `Subnets.uidOf`.
    function uidOf(uint256 netuid, address hotkey) external view returns (bool registered, uint16 uid) {
        _known(netuid);
        uint256 plusOne = _uidPlusOne[netuid][hotkey];
        // Fits: {setNeuron} takes 16-bit UIDs.
        if (plusOne != 0) return (true, uint16(plusOne - 1));
    }

    function _known(uint256 netuid) private view returns (Subnet storage s) {
        s = _subnets[netuid];
        if (s.owner == address(0)) revert MockSubnetUnknown(netuid);
    }
}
