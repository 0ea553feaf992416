"""A deep agent (`deepagents.create_deep_agent`) that plans with todos and delegates to a sub-agent.

As the deepagents docs write it: `create_deep_agent(model=..., tools=..., system_prompt=...,
subagents=[{"name": ..., "description": ..., "system_prompt": ...}])`. The `task` tool runs a
sub-agent (built by deepagents with `create_agent`) on a fresh conversation whose one human
message is the task's `description`; its last answer comes back as the `task` ToolMessage.

deepagents 0.7 no longer puts the planning tool (`write_todos`) in its default stack (0.6 did),
so it is added the documented way, `middleware=[TodoListMiddleware()]` (langchain's, the same
middleware deepagents 0.6 used).

The fake model (`hitl.fake_model.FakeChatModel`) is shared by both agents; the script tells
them apart by the system prompt (the researcher's starts with `RESEARCHER_PROMPT`).

For "research the history of Rust" the main agent:

1. calls `write_todos` with 2 todos (`in_progress`, `pending`);
2. calls `task(description="Find when Rust 1.0 was released", subagent_type="researcher")`;
   the `researcher` sub-agent streams its answer;
3. calls `write_todos` again, both todos `completed`;
4. streams a final answer.

Anything else gets a plain streamed reply.
"""

from deepagents import create_deep_agent
from langchain.agents.middleware import TodoListMiddleware
from langchain_core.messages import AIMessage, BaseMessage

from hitl.fake_model import FakeChatModel, call, last_request, text_of, tool_results

MAIN_PROMPT = "You are a research lead. Plan with todos and delegate research to the researcher."
RESEARCHER_PROMPT = "You are a researcher. Answer the task you are given in one sentence."

TASK = "Find when Rust 1.0 was released"
SUMMARY = "Summarise the history of Rust"


def todos(first: str, second: str) -> list[dict]:
    return [{"content": TASK, "status": first}, {"content": SUMMARY, "status": second}]


def researcher(messages: list[BaseMessage]) -> AIMessage:
    return AIMessage(content="Rust 1.0 was released on May 15, 2015, after years of development "
                             "at Mozilla.")


def main(messages: list[BaseMessage]) -> AIMessage:
    if "research" not in last_request(messages):
        return AIMessage(content="I plan research and delegate it; ask me to research something.")
    done = [result.name for result in tool_results(messages)]
    if not done:
        return AIMessage(content="", tool_calls=[
            call("write_todos", "call_todos_1", todos=todos("in_progress", "pending"))])
    if done == ["write_todos"]:
        return AIMessage(content="", tool_calls=[
            call("task", "call_task", description=TASK, subagent_type="researcher")])
    if done == ["write_todos", "task"]:
        return AIMessage(content="", tool_calls=[
            call("write_todos", "call_todos_2", todos=todos("completed", "completed"))])
    found = next(str(r.content) for r in tool_results(messages) if r.name == "task")
    return AIMessage(content=f"Here is a short history of Rust. {found} It has grown steadily "
                             "ever since.")


def script(messages: list[BaseMessage]) -> AIMessage:
    system = text_of(messages[0]) if messages and messages[0].type == "system" else ""
    if system.startswith(RESEARCHER_PROMPT):
        return researcher(messages)
    return main(messages)


agent = create_deep_agent(
    model=FakeChatModel(script=script),
    system_prompt=MAIN_PROMPT,
    middleware=[TodoListMiddleware()],
    subagents=[{
        "name": "researcher",
        "description": "Researches one question and answers it in one sentence.",
        "system_prompt": RESEARCHER_PROMPT,
    }],
    name="deep_agent",
)
