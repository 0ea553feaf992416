"""An agent whose tool asks the human itself: `interrupt({...})` inside the tool.

`transfer_money` pauses with the question and the transfer's details; a truthy answer
(`true`) makes the transfer, anything else cancels it. The tool's result says which, and the
model repeats it.
"""

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.tools import tool
from langgraph.types import interrupt

from hitl.fake_model import FakeChatModel, call, last_request, tool_results


@tool
def transfer_money(amount: float, recipient: str) -> str:
    """Transfer money (in EUR) to a recipient."""
    approved = interrupt(
        {
            "question": f"Transfer {amount:.2f} EUR to {recipient}?",
            "transfer": {"amount": amount, "currency": "EUR", "recipient": recipient},
        }
    )
    if approved:
        return f"Transferred {amount:.2f} EUR to {recipient}."
    return f"The transfer to {recipient} was cancelled."


def script(messages: list[BaseMessage]) -> AIMessage:
    if results := tool_results(messages):
        return AIMessage(content=f"Done. {results[-1].content}")
    if "transfer" in last_request(messages):
        transfer = call("transfer_money", "call_transfer", amount=50.0, recipient="Ana")
        return AIMessage(content="", tool_calls=[transfer])
    return AIMessage(content="I can transfer money for you.")


agent = create_agent(
    model=FakeChatModel(script=script),
    tools=[transfer_money],
    name="tool_interrupt_agent",
)
