"""A multi-agent supervisor built from scratch, without the `langgraph-supervisor` package.

As the LangGraph "Multi-agent supervisor" tutorial ("Create supervisor from scratch") writes
it: hand-off tools made by `create_handoff_tool(agent_name=...)` return

    Command(goto=agent_name, update={**state, "messages": state["messages"] + [tool_message]},
            graph=Command.PARENT)

(the supervisor's messages so far, with its tool-calling AI message, plus the hand-off
ToolMessage, go to the parent graph, which then runs the node `agent_name`). The supervisor and
the two workers are `langchain.agents.create_agent` agents (`name=` is their node name), added
as nodes of a parent `StateGraph(MessagesState)`:

    START → supervisor ─(transfer_to_math_agent)→ math_agent → supervisor
                       ─(transfer_to_research_agent)→ research_agent → supervisor
                       ─(an answer without a tool call)→ END

- `supervisor`: tools `transfer_to_research_agent`, `transfer_to_math_agent`;
- `math_agent`: tool `add(a, b)`;
- `research_agent`: tool `web_search(query)`.

One `FakeChatModel` (`hitl.fake_model`) serves all three; the script tells them apart by the
system prompt. For "what is 2 plus 3, and who invented Rust?":

1. the supervisor calls `transfer_to_math_agent` (id `call_to_math`);
2. `math_agent` calls `add(a=2, b=3)` (id `call_add`), then streams its answer;
3. the supervisor calls `transfer_to_research_agent` (id `call_to_research`);
4. `research_agent` calls `web_search(query="who invented Rust")` (id `call_search`), then
   streams its answer;
5. the supervisor streams a final answer that sums up both; the run ends.

A request with neither `plus` nor `rust` gets a plain streamed reply from the supervisor.
"""

from typing import Annotated

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.tools import InjectedToolCallId, tool
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import InjectedState
from langgraph.types import Command

from hitl.fake_model import FakeChatModel, call, last_request, text_of, tool_results

SUPERVISOR_PROMPT = (
    "You are a supervisor managing two agents:\n"
    "- a research agent. Assign research-related tasks to this agent\n"
    "- a math agent. Assign math-related tasks to this agent\n"
    "Assign work to one agent at a time, do not call agents in parallel.\n"
    "Do not do any work yourself."
)
RESEARCH_PROMPT = (
    "You are a research agent.\n\n"
    "INSTRUCTIONS:\n"
    "- Assist ONLY with research-related tasks, DO NOT do any math\n"
    "- After you're done with your tasks, respond to the supervisor directly\n"
    "- Respond ONLY with the results of your work, do not include ANY other text."
)
MATH_PROMPT = (
    "You are a math agent.\n\n"
    "INSTRUCTIONS:\n"
    "- Assist ONLY with math-related tasks\n"
    "- After you're done with your tasks, respond to the supervisor directly\n"
    "- Respond ONLY with the results of your work, do not include ANY other text."
)


# Worker tools.
@tool
def web_search(query: str) -> str:
    """Search the web for a query."""
    return "Rust: started by Graydon Hoare in 2006, sponsored by Mozilla from 2009."


@tool
def add(a: float, b: float) -> float:
    """Add two numbers."""
    return a + b


# Hand-off tools, as the tutorial writes them.
def create_handoff_tool(*, agent_name: str, description: str | None = None):
    name = f"transfer_to_{agent_name}"
    description = description or f"Ask {agent_name} for help."

    @tool(name, description=description)
    def handoff_tool(
        state: Annotated[MessagesState, InjectedState],
        tool_call_id: Annotated[str, InjectedToolCallId],
    ) -> Command:
        tool_message = ToolMessage(
            content=f"Successfully transferred to {agent_name}",
            name=name,
            tool_call_id=tool_call_id,
        )
        return Command(
            goto=agent_name,
            update={**state, "messages": state["messages"] + [tool_message]},
            graph=Command.PARENT,
        )

    return handoff_tool


assign_to_research_agent = create_handoff_tool(
    agent_name="research_agent", description="Assign task to a researcher agent.")
assign_to_math_agent = create_handoff_tool(
    agent_name="math_agent", description="Assign task to a math agent.")


# The scripts: each agent sees the whole conversation (the parent's `messages`).
def done(messages: list[BaseMessage]) -> dict[str, ToolMessage]:
    """This turn's tool results, by tool name."""
    return {str(result.name): result for result in tool_results(messages)}


def after(messages: list[BaseMessage], tool_name: str) -> str:
    """The text of the first AI message after the result of `tool_name` (a worker's answer)."""
    seen = False
    for message in messages:
        if isinstance(message, ToolMessage) and message.name == tool_name:
            seen = True
        elif seen and message.type == "ai" and not getattr(message, "tool_calls", None):
            return text_of(message)
    return ""


def supervisor_script(messages: list[BaseMessage]) -> AIMessage:
    request = last_request(messages)
    if "plus" not in request and "rust" not in request:
        return AIMessage(content="I coordinate a math agent and a research agent; ask me "
                                 "something for them.")
    results = done(messages)
    if "plus" in request and "transfer_to_math_agent" not in results:
        return AIMessage(content="", tool_calls=[call("transfer_to_math_agent", "call_to_math")])
    if "rust" in request and "transfer_to_research_agent" not in results:
        return AIMessage(content="", tool_calls=[
            call("transfer_to_research_agent", "call_to_research")])
    summary = " ".join(part for part in (after(messages, "add"), after(messages, "web_search"))
                       if part)
    return AIMessage(content=f"Here is what my agents found. {summary} Anything else?")


def math_script(messages: list[BaseMessage]) -> AIMessage:
    if result := done(messages).get("add"):
        return AIMessage(content=f"2 plus 3 equals {result.content}.")
    return AIMessage(content="", tool_calls=[call("add", "call_add", a=2, b=3)])


def research_script(messages: list[BaseMessage]) -> AIMessage:
    if "web_search" in done(messages):
        return AIMessage(content="Graydon Hoare invented Rust in 2006; Mozilla sponsored it "
                                 "from 2009.")
    return AIMessage(content="", tool_calls=[
        call("web_search", "call_search", query="who invented Rust")])


def script(messages: list[BaseMessage]) -> AIMessage:
    system = text_of(messages[0]) if messages and messages[0].type == "system" else ""
    if system == MATH_PROMPT:
        return math_script(messages)
    if system == RESEARCH_PROMPT:
        return research_script(messages)
    return supervisor_script(messages)


model = FakeChatModel(script=script)

research_agent = create_agent(
    model, tools=[web_search], system_prompt=RESEARCH_PROMPT, name="research_agent")
math_agent = create_agent(model, tools=[add], system_prompt=MATH_PROMPT, name="math_agent")
supervisor_agent = create_agent(
    model,
    tools=[assign_to_research_agent, assign_to_math_agent],
    system_prompt=SUPERVISOR_PROMPT,
    name="supervisor",
)

# The parent graph. `destinations` only draws the hand-off edges; the Commands route.
graph = (
    StateGraph(MessagesState)
    .add_node(supervisor_agent, destinations=("research_agent", "math_agent", END))
    .add_node(research_agent)
    .add_node(math_agent)
    .add_edge(START, "supervisor")
    .add_edge("research_agent", "supervisor")
    .add_edge("math_agent", "supervisor")
    .compile(name="supervisor_graph")
)
