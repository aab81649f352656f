// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

import {ModelGovernor} from "../governance/ModelGovernor.sol";
import {ModelTimelock} from "../governance/ModelTimelock.sol";
import {IModelLaunchFactory} from "../interfaces/IModelLaunchFactory.sol";
import {IModelOffering} from "../interfaces/IModelOffering.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {ModelToken} from "../token/ModelToken.sol";
import {ModelId} from "../types/ModelId.sol";
import {ModelVestingWallet, VestingSchedule} from "./ModelVestingWallet.sol";
import {OfferingArgs} from "./OfferingArgs.sol";
import {SaleTerms} from "./SaleTerms.sol";

/// @title ModelLaunchFactory
/// @notice See {IModelLaunchFactory}. The factory has no owner: its implementations and its protocol fee are
/// fixed at deployment, so nobody can change the terms under which a model launches.
/// @dev A launch's token, governor and timelock are clones at addresses derived from the model id, so only the
/// sale's address (which also depends on its terms, carried in its code) is stored.
contract ModelLaunchFactory is IModelLaunchFactory {
    /// @notice The highest protocol fee a factory can be deployed with: 10% of a sale's proceeds.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice The most team members one launch may vest tokens to.
    uint256 public constant MAX_TEAM = 16;

    /// @notice The registry whose models this factory launches.
    IModelRegistry public immutable registry;
    address public immutable tokenImplementation;
    address public immutable offeringImplementation;
    address public immutable vestingImplementation;
    address public immutable governorImplementation;
    address public immutable timelockImplementation;
    /// @notice Who receives the protocol fee, and how much of each sale's proceeds it is, in basis points.
    address public immutable feeRecipient;
    uint16 public immutable feeBps;

    mapping(ModelId model => address offering) private _offerings;
    ModelId[] private _launchedModels;

    /// @notice The implementations every launch clones, and the protocol fee (at most {MAX_FEE_BPS}).
    constructor(
        IModelRegistry registry_,
        address token,
        address offering,
        address vesting,
        address governor,
        address timelock,
        address feeRecipient_,
        uint16 feeBps_
    ) {
        if (feeBps_ > MAX_FEE_BPS) revert LaunchFeeTooHigh(feeBps_, MAX_FEE_BPS);
        // A fee paid to the zero address would be burned (ETH) or stuck (ERC-20s that refuse it).
        if (feeBps_ != 0 && feeRecipient_ == address(0)) revert LaunchFeeRecipientMissing();
        registry = registry_;
        tokenImplementation = token;
        offeringImplementation = offering;
        vestingImplementation = vesting;
        governorImplementation = governor;
        timelockImplementation = timelock;
        feeRecipient = feeRecipient_;
        feeBps = feeBps_;
    }

    /// @inheritdoc IModelLaunchFactory
    function launch(LaunchParams calldata p) external returns (Launch memory l) {
        ModelId model = p.model;
        if (IERC721(address(registry)).ownerOf(model.tokenId()) != msg.sender) {
            revert LaunchNotModelOwner(model, msg.sender);
        }
        if (_offerings[model] != address(0)) revert LaunchAlreadyLaunched(model, _offerings[model]);
        uint256 teamCount = p.team.length;
        if (teamCount > MAX_TEAM) revert LaunchTooManyBeneficiaries(teamCount, MAX_TEAM);
        if (p.dao.quorumPercent == 0 || p.dao.quorumPercent > 100 || p.dao.votingPeriod == 0) {
            revert LaunchInvalidDaoSettings();
        }

        SaleTerms.check(p.sale);
        bytes32 salt = bytes32(model.tokenId());
        l.token = Clones.cloneDeterministicWithImmutableArgs(tokenImplementation, abi.encode(registry, model), salt);
        l.governor = Clones.cloneDeterministic(governorImplementation, salt);
        l.timelock = Clones.cloneDeterministic(timelockImplementation, salt);
        IModelOffering.Config memory config = IModelOffering.Config({
            token: l.token,
            treasury: l.timelock,
            admin: msg.sender,
            fee: IModelOffering.Fee(feeRecipient, feeBps),
            sale: p.sale
        });
        l.offering = Clones.cloneDeterministicWithImmutableArgs(offeringImplementation, OfferingArgs.encode(config), salt);

        // The governor alone proposes (and cancels), anyone executes, and nobody administers the timelock.
        address[] memory proposers = new address[](1);
        proposers[0] = l.governor;
        address[] memory executors = new address[](1);
        ModelTimelock(payable(l.timelock)).initialize(p.timelockDelay, proposers, executors, address(0));
        ModelGovernor(payable(l.governor)).initialize(
            string.concat(p.symbol, " DAO"), IVotes(l.token), TimelockControllerUpgradeable(payable(l.timelock)), p.dao
        );

        address[] memory wallets = _mintSupply(l, p);

        _offerings[model] = l.offering;
        _launchedModels.push(model);
        emit ModelLaunched(model, msg.sender, l.token, l.offering, l.governor, l.timelock, wallets);

        // The team keeps publishing versions (the DAO can revoke it), and the DAO becomes the model's owner.
        _grantPublisher(model, msg.sender);
        IERC721(address(registry)).transferFrom(msg.sender, l.timelock, model.tokenId());
    }

    /// @inheritdoc IModelLaunchFactory
    function launchOf(ModelId model) external view returns (Launch memory l) {
        l.offering = _offerings[model];
        if (l.offering == address(0)) return l;
        bytes32 salt = bytes32(model.tokenId());
        l.token = Clones.predictDeterministicAddressWithImmutableArgs(
            tokenImplementation, abi.encode(registry, model), salt
        );
        l.governor = Clones.predictDeterministicAddress(governorImplementation, salt);
        l.timelock = Clones.predictDeterministicAddress(timelockImplementation, salt);
    }

    /// @inheritdoc IModelLaunchFactory
    function launchCount() external view returns (uint256) {
        return _launchedModels.length;
    }

    /// @inheritdoc IModelLaunchFactory
    function launchedModels(uint256 offset, uint256 limit) external view returns (ModelId[] memory page) {
        uint256 count = _launchedModels.length;
        // `count - offset > limit` rather than `offset + limit`, which overflows for a limit of "everything".
        uint256 end = offset >= count ? offset : (count - offset > limit ? offset + limit : count);
        page = new ModelId[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = _launchedModels[i];
        }
    }

    /// @dev Creates the team's vesting wallets and mints the supply: the sale (which forwards what its tokens
    /// earn to their buyers), the team's wallets, the treasury and the liquidity reserve.
    function _mintSupply(Launch memory l, LaunchParams calldata p) private returns (address[] memory wallets) {
        uint256 teamCount = p.team.length;
        wallets = new address[](teamCount);
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](teamCount + 3);
        uint256 sum = p.sale.tokensForSale + p.treasuryAmount + p.liquidityAmount;
        for (uint256 i; i < teamCount; ++i) {
            TeamAllocation calldata member = p.team[i];
            if (member.beneficiary == address(0) || member.amount == 0) revert LaunchInvalidBeneficiary(i);
            wallets[i] = Clones.cloneWithImmutableArgs(
                vestingImplementation, VestingSchedule.pack(member.start, member.duration, member.cliff)
            );
            ModelVestingWallet(payable(wallets[i])).initialize(member.beneficiary);
            allocations[i] = IModelToken.Allocation(wallets[i], member.amount, false);
            sum += member.amount;
        }
        if (sum != p.supply) revert LaunchSplitMismatch(sum, p.supply);
        allocations[teamCount] = IModelToken.Allocation(l.offering, p.sale.tokensForSale, true);
        allocations[teamCount + 1] = IModelToken.Allocation(l.timelock, p.treasuryAmount, false);
        allocations[teamCount + 2] = IModelToken.Allocation(
            p.liquidityRecipient == address(0) ? l.timelock : p.liquidityRecipient, p.liquidityAmount, false
        );
        ModelToken(payable(l.token)).initialize(p.name, p.symbol, allocations, p.revenue);
    }

    /// @dev A team that is already a publisher stays one; any other refusal stops the launch.
    function _grantPublisher(ModelId model, address team) private {
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
