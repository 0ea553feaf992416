"""`HumanInTheLoopMiddleware` in its `per_call` mode: one interrupt per gated tool call.

Where `hitl_agent` (the default, batched mode) raises ONE interrupt per model turn, this agent
raises one interrupt per gated call, inside that call's `tools` task, as the call starts. Its
value is a `ToolApprovalRequest`:

    {"type": "tool_approval", "tool_call_id": "call_email", "name": "send_email",
     "args": {...}, "description": "Tool execution requires approval\\n\\nTool: ..."}

and the interrupt carries a `response_schema` (the decisions allowed for that tool). So a turn
with two gated calls leaves TWO interrupts pending, and the run resumes with a map keyed by
interrupt id, ONE decision each: `{"<id>": {"type": "approve"}}`. The calls may be answered
together or one at a time; an answer that does not match the schema is refused before it is
saved.

The tools and the model's script are `hitl_agent`'s (same call ids): "email Ana and delete the
draft" gives one model message calling `send_email` (`call_email`) and `delete_file`
(`call_delete`). There is no `ask_user` tool here.
"""

from langchain.agents import create_agent
from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain_core.messages import AIMessage, BaseMessage

from hitl.fake_model import FakeChatModel, tool_results
from hitl.hitl_agent import delete_file, send_email
from hitl.hitl_agent import script as hitl_script


def script(messages: list[BaseMessage]) -> AIMessage:
    """`hitl_agent`'s script, without its `ask_user` question (this agent has no such tool)."""
    answer = hitl_script(messages)
    asks = any(tool_call["name"] == "ask_user" for tool_call in answer.tool_calls)
    if asks or (not answer.tool_calls and not tool_results(messages)):
        return AIMessage(content="I can send emails and delete files.")
    return answer


agent = create_agent(
    model=FakeChatModel(script=script),
    tools=[send_email, delete_file],
    middleware=[
        HumanInTheLoopMiddleware(
            interrupt_on={
                # Every decision is allowed: approve, edit, reject and respond.
                "send_email": True,
                "delete_file": {"allowed_decisions": ["approve", "reject"]},
            },
            interrupt_mode="per_call",
        ),
    ],
    name="hitl_per_call_agent",
)
