// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";

import {IModelToken} from "../interfaces/IModelToken.sol";
import {RevenueShare} from "../revenue/RevenueShare.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title ModelToken
/// @notice A model's token: fixed supply, EIP-2612 permit, ERC-5805 votes on a timestamp clock, and revenue
/// sharing ({RevenueShare}). Deployed as an ERC-1167 clone by the launch factory and initialised in the same
/// transaction.
/// @dev The registry and model id never change, so they are carried in the clone's code (immutable arguments,
/// `abi.encode(registry, model)`) instead of storage. OpenZeppelin's Votes, Nonces and EIP712 keep their state
/// in ERC-7201 namespaces; the EIP-712 name is read from the token's own name, so none of them is initialised.
/// A holder's delegate is looked up only once it has chosen one (a flag in its balance word), which spares
/// transfers between holders who never delegated two storage reads.
contract ModelToken is IModelToken, RevenueShare, IERC20Permit, EIP712Upgradeable, NoncesUpgradeable, VotesUpgradeable {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _supplyWord = 1 << 255;
    }

    /// @inheritdoc IModelToken
    function initialize(
        string calldata name_,
        string calldata symbol_,
        Allocation[] calldata allocations,
        RevenueParams calldata revenue
    ) external {
        if (_supplyWord != 0) revert ModelTokenAlreadyInitialized();
        uint256 supply;
        for (uint256 i; i < allocations.length; ++i) {
            Allocation calldata allocation = allocations[i];
            if (allocation.excluded) _excludeAtLaunch(allocation.account);
            if (allocation.amount == 0) continue;
            supply += allocation.amount;
            if (supply > MAX_SUPPLY) revert ModelTokenSupplyTooLarge(supply, MAX_SUPPLY);
            _mintAtLaunch(allocation.account, allocation.amount, allocation.forwardsRevenue);
        }
        if (supply == 0) revert ModelTokenEmptySupply();
        _initializeRevenueShare(name_, symbol_, supply, revenue);
        emit ModelTokenInitialized(registry(), model(), supply, revenue.reserveBps);
    }

    /// @inheritdoc IERC20Permit
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline))
        );
        address signer = ECDSA.recover(digest, v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IModelToken
    function registry() public view returns (address registry_) {
        (registry_,) = _args();
    }

    /// @inheritdoc IModelToken
    function model() public view returns (ModelId model_) {
        (, model_) = _args();
    }

    /// @notice The account that governs revenue settings: the model's owner in the registry, its DAO timelock.
    function dao() external view returns (address) {
        return _dao();
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

    /// @notice The delegate `account` chose; the zero address if it never chose one.
    function delegates(address account) public view override returns (address) {
        return _hasDelegated(account) ? super.delegates(account) : address(0);
    }

    function _delegate(address account, address delegatee) internal override {
        _markDelegated(account);
        super._delegate(account, delegatee);
    }

    function _afterMintOrBurn(address from, address to, uint256 value) internal override {
        _transferVotingUnits(from, to, value);
    }

    function _afterTransfer(address from, address to, uint256 value, bool fromDelegated, bool toDelegated)
        internal
        override
    {
        _moveDelegateVotes(
            fromDelegated ? super.delegates(from) : address(0), toDelegated ? super.delegates(to) : address(0), value
        );
    }

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return balanceOf(account);
    }

    function _dao() internal view override returns (address) {
        (address registry_, ModelId model_) = _args();
        return IERC721(registry_).ownerOf(model_.tokenId());
    }

    // solhint-disable-next-line func-name-mixedcase
    function _EIP712Name() internal view override returns (string memory) {
        return name();
    }

    // solhint-disable-next-line func-name-mixedcase
    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }

    function _args() private view returns (address registry_, ModelId model_) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (address, ModelId));
    }
}
