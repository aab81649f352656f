// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from
    "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {ERC20VotesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {IModelToken} from "../interfaces/IModelToken.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title ModelToken
/// @notice A model's token: fixed supply, EIP-2612 permit, ERC-5805 votes on a timestamp clock. Deployed as
/// an ERC-1167 clone by the launch factory and initialised in the same transaction.
/// @dev OpenZeppelin's upgradeable bases keep their state in ERC-7201 namespaces, so accounting added to the
/// transfer path later has slots of its own. `_update` is the one hook every balance change goes through. The
/// registry and model id never change, so they are carried in the clone's code (immutable arguments,
/// `abi.encode(registry, model)`) instead of storage.
contract ModelToken is IModelToken, ERC20Upgradeable, ERC20PermitUpgradeable, ERC20VotesUpgradeable {
    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IModelToken
    function initialize(string calldata name, string calldata symbol, Allocation[] calldata allocations)
        external
        initializer
    {
        __ERC20_init(name, symbol);
        __ERC20Permit_init(name);
        __ERC20Votes_init();
        for (uint256 i; i < allocations.length; ++i) {
            if (allocations[i].amount != 0) _mint(allocations[i].account, allocations[i].amount);
        }
        uint256 supply = totalSupply();
        if (supply == 0) revert ModelTokenEmptySupply();
        emit ModelTokenInitialized(registry(), model(), supply);
    }

    /// @inheritdoc IModelToken
    function registry() public view returns (address registry_) {
        (registry_,) = _args();
    }

    /// @inheritdoc IModelToken
    function model() public view returns (ModelId model_) {
        (, model_) = _args();
    }

    /// @notice Votes are counted by timestamp (ERC-6372), so governance periods are in seconds on every chain.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The ERC-6372 description of {clock}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc NoncesUpgradeable
    function nonces(address owner) public view override(ERC20PermitUpgradeable, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner);
    }

    function _args() private view returns (address registry_, ModelId model_) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (address, ModelId));
    }

    function _update(address from, address to, uint256 value)
        internal
        override(ERC20Upgradeable, ERC20VotesUpgradeable)
    {
        super._update(from, to, value);
    }
}
