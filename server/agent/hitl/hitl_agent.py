"""An agent whose tool calls wait for a human review: `HumanInTheLoopMiddleware`.

The middleware raises ONE interrupt per model turn (its default, batched mode), whose value
lists every gated call (`action_requests`) and what may be decided about each
(`review_configs`). The run resumes with `{"decisions": [...]}`, one decision per call, in order.

What the model does, by the words of the latest user message:

| words                        | tool calls (one model message)                       |
|------------------------------|------------------------------------------------------|
| `email` and `delete`         | `send_email` to Ana, then `delete_file` of the draft |
| `email`                      | `send_email` to Ana                                  |
| `delete`                     | `delete_file` of the draft                           |
| `meeting`                    | `ask_user` which day suits (answered by `respond`)   |

Once the tool results are in, it sums them up.
"""

from langchain.agents import create_agent
from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.tools import tool

from hitl.fake_model import FakeChatModel, call, last_request, tool_results


@tool
def send_email(to: str, subject: str, body: str) -> str:
    """Send an email."""
    return f"Email sent to {to} with the subject '{subject}'."


@tool
def delete_file(path: str) -> str:
    """Delete a file."""
    return f"Deleted {path}."


@tool
def ask_user(question: str) -> str:
    """Ask the user a question; the user's answer is the result."""
    return "The user did not answer."


def summary(result: ToolMessage) -> str:
    """What the model says of one tool result."""
    if result.status == "error":  # rejected by the reviewer
        return f"Skipped {result.name}."
    if result.name == "ask_user":  # the reviewer's `respond` message
        return f"Noted your answer: {result.content}"
    # An edited call's result starts with the middleware's notice; keep the tool's own words.
    return str(result.content).split("Tool response:\n")[-1]


def script(messages: list[BaseMessage]) -> AIMessage:
    request = last_request(messages)
    if results := tool_results(messages):
        return AIMessage(content=" ".join(summary(result) for result in results))
    email = call(
        "send_email",
        "call_email",
        to="ana@example.com",
        subject="Lunch on Friday",
        body="Hi Ana, are you free for lunch on Friday?",
    )
    delete = call("delete_file", "call_delete", path="drafts/lunch.txt")
    if "email" in request and "delete" in request:
        return AIMessage(content="", tool_calls=[email, delete])
    if "email" in request:
        return AIMessage(content="", tool_calls=[email])
    if "delete" in request:
        return AIMessage(content="", tool_calls=[delete])
    if "meeting" in request:
        question = "Which day suits you for the meeting with Ana?"
        return AIMessage(content="", tool_calls=[call("ask_user", "call_ask", question=question)])
    return AIMessage(content="I can send emails, delete files and ask you questions.")


agent = create_agent(
    model=FakeChatModel(script=script),
    tools=[send_email, delete_file, ask_user],
    system_prompt="You are a helpful assistant.",
    middleware=[
        HumanInTheLoopMiddleware(
            interrupt_on={
                # Every decision is allowed: approve, edit, reject and respond.
                "send_email": True,
                "delete_file": {"allowed_decisions": ["approve", "reject"]},
                "ask_user": {
                    "allowed_decisions": ["respond"],
                    "description": "The assistant has a question for you.",
                },
            },
            description_prefix="Tool execution pending approval",
        ),
    ],
    name="hitl_agent",
)
