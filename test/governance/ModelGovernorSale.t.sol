// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {ONE, T0} from "../fixtures/Constants.sol";
import {LaunchSetup} from "../fixtures/LaunchSetup.sol";

import {ModelGovernor} from "../../contracts/governance/ModelGovernor.sol";
import {IModelGovernor} from "../../contracts/interfaces/IModelGovernor.sol";
import {IModelLaunchFactory} from "../../contracts/interfaces/IModelLaunchFactory.sol";
import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";
import {ModelLaunchFactory} from "../../contracts/offering/ModelLaunchFactory.sol";

/// @notice Fuzz: whenever a proposal is made, it is refused before the sale's end (unless the sale was cancelled
/// before it started), and otherwise its snapshot is at least the voting delay after the sale's end.
contract ModelGovernorSaleFuzzTest is LaunchSetup {
    ModelLaunchFactory private factory;

    function setUp() public {
        _deployProtocol();
        factory = _newFactory(address(0), 0, address(this));
    }

    function testFuzz_propose_onlyFromTheSalesEnd(uint256 startSeed, uint256 lengthSeed, uint256 delaySeed, uint256 whenSeed)
        public
    {
        uint256 start = T0 + bound(startSeed, 0, 30 days);
        uint256 end = start + bound(lengthSeed, 1, 60 days);
        uint48 delay = uint48(bound(delaySeed, 1 days, 14 days));
        (IModelOffering offering, ModelGovernor governor) = _launch(start, end, delay);
        uint256 when = bound(whenSeed, T0, end + 30 days);
        vm.warp(when);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _call();
        if (when < end) {
            vm.expectRevert(abi.encodeWithSelector(IModelGovernor.ModelGovernorSaleNotOver.selector, offering, end));
            governor.propose(targets, values, calldatas, "early");
            return;
        }
        uint256 id = governor.propose(targets, values, calldatas, "on time");
        assertEq(governor.proposalSnapshot(id), when + delay, "snapshot a voting delay after the proposal");
        assertGe(governor.proposalSnapshot(id), end + delay, "snapshot a voting delay after the sale's end");
    }

    function testFuzz_propose_atOnceAfterACancelledSale(uint256 startSeed, uint256 whenSeed) public {
        uint256 start = T0 + bound(startSeed, 1, 30 days);
        (IModelOffering offering, ModelGovernor governor) = _launch(start, start + 7 days, 1 days);
        vm.warp(bound(whenSeed, T0, start - 1));
        vm.prank(team);
        offering.cancel();
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _call();
        uint256 id = governor.propose(targets, values, calldatas, "after the cancel");
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Pending));
    }

    /// @dev A launch without team whose DAO needs no votes to propose, its sale from `start` to `end`.
    function _launch(uint256 start, uint256 end, uint48 votingDelay) private returns (IModelOffering, ModelGovernor) {
        IModelLaunchFactory.LaunchParams memory p =
            _launchParams(_ethSale(1_000_000 * ONE, 3e15, 10 ether, 100 ether, start, end));
        p.dao.votingDelay = votingDelay;
        IModelLaunchFactory.Launch memory l = _launch(factory, p);
        return (IModelOffering(l.offering), ModelGovernor(payable(l.governor)));
    }

    function _call() private view returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        targets = new address[](1);
        targets[0] = team;
        values = new uint256[](1);
        calldatas = new bytes[](1);
    }
}
