"""An agent whose tool asks for a review with the prebuilt `HumanInterrupt` (Agent Inbox).

A wrapper adds a human review to any tool, as the LangGraph docs show: the wrapped tool calls
`interrupt([request])` with one `HumanInterrupt` (`action_request`, `config` with the
`allow_*` flags, `description`), and the run resumes with a list of one `HumanResponse`
(`{"type": "accept" | "edit" | "response" | "ignore", "args": ...}`), as Agent Inbox sends it.

- `accept`: the tool runs with the model's arguments;
- `edit`: it runs with `args["args"]` of the edited action request;
- `response`: it does not run; the human's text is the tool's result;
- `ignore`: it does not run; the result says so.

The model books a hotel when asked to (`book`), then repeats what the tool answered.
"""

from typing import Any

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, tool
from langgraph.prebuilt.interrupt import HumanInterrupt, HumanInterruptConfig
from langgraph.types import interrupt

from hitl.fake_model import FakeChatModel, call, last_request, tool_results


def add_human_in_the_loop(
    wrapped: BaseTool, *, interrupt_config: HumanInterruptConfig | None = None
) -> BaseTool:
    """`wrapped`, reviewed by a human before it runs."""
    if interrupt_config is None:
        interrupt_config = {
            "allow_accept": True,
            "allow_edit": True,
            "allow_respond": True,
            "allow_ignore": True,
        }

    @tool(wrapped.name, description=wrapped.description, args_schema=wrapped.args_schema)
    def call_tool_with_interrupt(config: RunnableConfig, **tool_input: Any) -> str:
        request: HumanInterrupt = {
            "action_request": {"action": wrapped.name, "args": tool_input},
            "config": interrupt_config,
            "description": "Please review the tool call",
        }
        response = interrupt([request])
        # Agent Inbox answers with a list of one response; accept a bare one as well.
        if isinstance(response, list):
            response = response[0]

        if response["type"] == "accept":
            return wrapped.invoke(tool_input, config)
        if response["type"] == "edit":
            return wrapped.invoke(response["args"]["args"], config)
        if response["type"] == "response":
            return response["args"]
        if response["type"] == "ignore":
            return f"The user skipped {wrapped.name}; it did not run."
        raise ValueError(f"Unsupported interrupt response type: {response['type']}")

    return call_tool_with_interrupt


@tool
def book_hotel(hotel_name: str) -> str:
    """Book a hotel."""
    return f"Successfully booked a stay at {hotel_name}."


def script(messages: list[BaseMessage]) -> AIMessage:
    if results := tool_results(messages):
        return AIMessage(content=f"The booking tool answered: {results[-1].content}")
    if "book" in last_request(messages):
        booking = call("book_hotel", "call_book", hotel_name="McKittrick Hotel")
        return AIMessage(content="", tool_calls=[booking])
    return AIMessage(content="I can book hotels for you.")


agent = create_agent(
    model=FakeChatModel(script=script),
    tools=[add_human_in_the_loop(book_hotel)],
    name="inbox_agent",
)
