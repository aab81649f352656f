// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorCountingSimpleUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingSimpleUpgradeable.sol";
import {GovernorSequentialProposalIdUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSequentialProposalIdUpgradeable.sol";
import {GovernorSettingsUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {GovernorVotesQuorumFractionUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesQuorumFractionUpgradeable.sol";
import {GovernorVotesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

import {IModelGovernor} from "../interfaces/IModelGovernor.sol";
import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @title ModelGovernor
/// @notice A model's DAO: OpenZeppelin's Governor voting with the model token (timestamp clock), simple
/// counting, a quorum fraction, settings the DAO can change by vote, sequential proposal ids (1, 2, 3...)
/// that people can say aloud, and execution through the model's timelock. Deployed as an ERC-1167 clone.
/// No proposal is accepted before the model's sale is over ({IModelGovernor}): buyers vote on every proposal.
contract ModelGovernor is
    IModelGovernor,
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorCountingSimpleUpgradeable,
    GovernorVotesUpgradeable,
    GovernorVotesQuorumFractionUpgradeable,
    GovernorTimelockControlUpgradeable,
    GovernorSequentialProposalIdUpgradeable
{
    /// @notice A DAO's voting rules, in seconds and token units.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        /// Percent (0-100) of the supply that must vote for or abstain for a proposal to pass.
        uint256 quorumPercent;
    }

    /// @dev One word: the sale and its end. Plain storage: a clone is never upgraded, and OpenZeppelin's parts keep
    /// theirs in ERC-7201 namespaces.
    address private _sale;
    uint48 private _saleEnd;

    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the DAO; callable once.
    /// @param name The Governor's EIP-712 name, e.g. "face-landmark-68 DAO".
    /// @param token The model token whose delegated votes count.
    /// @param timelock The timelock that executes passed proposals and holds the treasury.
    /// @param settings Voting delay and period (seconds), proposal threshold (token units), quorum percent.
    /// @param sale_ The model's sale: no proposal before it is over. The zero address for a DAO without a sale.
    /// @param saleEnd_ When the sale ends (unix seconds), as its terms say.
    function initialize(
        string calldata name,
        IVotes token,
        TimelockControllerUpgradeable timelock,
        Settings calldata settings,
        address sale_,
        uint48 saleEnd_
    ) external initializer {
        __Governor_init(name);
        __GovernorSettings_init(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold);
        __GovernorCountingSimple_init();
        __GovernorVotes_init(token);
        __GovernorVotesQuorumFraction_init(settings.quorumPercent);
        __GovernorTimelockControl_init(timelock);
        __GovernorSequentialProposalId_init();
        _sale = sale_;
        _saleEnd = saleEnd_;
        emit ModelGovernorSaleSet(sale_, saleEnd_);
    }

    /// @inheritdoc IModelGovernor
    function sale() external view returns (address) {
        return _sale;
    }

    /// @inheritdoc IModelGovernor
    function saleEnd() external view returns (uint256) {
        return _saleEnd;
    }

    /// @inheritdoc GovernorUpgradeable
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc GovernorUpgradeable
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorUpgradeable
    function quorum(uint256 timepoint)
        public
        view
        override(GovernorUpgradeable, GovernorVotesQuorumFractionUpgradeable)
        returns (uint256)
    {
        return super.quorum(timepoint);
    }

    /// @inheritdoc GovernorUpgradeable
    function state(uint256 proposalId)
        public
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function getProposalId(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        public
        view
        override(GovernorUpgradeable, GovernorSequentialProposalIdUpgradeable)
        returns (uint256)
    {
        return super.getProposalId(targets, values, calldatas, descriptionHash);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(GovernorUpgradeable, GovernorSequentialProposalIdUpgradeable) returns (uint256) {
        _checkSaleOver();
        return super._propose(targets, values, calldatas, description, proposer);
    }

    /// @dev While the sale runs, its tokens (and the treasury's) cannot vote and the team's vesting wallets can:
    /// a proposal then would be decided before buyers hold a vote. From the sale's end, a proposal's snapshot is
    /// at least a voting delay away, in which every buyer can settle (finalising the sale if nobody has) and
    /// delegate. A sale cancelled before it started has no buyers to wait for.
    function _checkSaleOver() private view {
        uint256 end = _saleEnd;
        if (block.timestamp >= end) return;
        address sale_ = _sale;
        if (IModelOffering(sale_).status() != IModelOffering.Status.Cancelled) revert ModelGovernorSaleNotOver(sale_, end);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (uint256)
    {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (address) {
        return super._executor();
    }
}
