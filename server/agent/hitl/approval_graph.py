"""Approve or reject a step: `interrupt({...})`, then `Command(goto=...)`.

The model drafts a reply; `human_approval` shows it to a human with
`interrupt({"question": ..., "llm_output": ...})` and goes on to `approved` when the answer is
truthy (`true`), or to `rejected` otherwise (`false`). Each writes its own AI message.
"""

from typing import Literal

from langchain_core.messages import AIMessage, BaseMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.types import Command, interrupt

from hitl.fake_model import FakeChatModel, last_request

DRAFT = "Dear Ana, the report is ready and attached."


def script(messages: list[BaseMessage]) -> AIMessage:
    if "report" in last_request(messages):
        return AIMessage(content=DRAFT)
    return AIMessage(content="Dear Ana, all is well.")


model = FakeChatModel(script=script)


class State(MessagesState):
    llm_output: str


def draft(state: State) -> dict:
    reply = model.invoke(state["messages"])
    return {"messages": [reply], "llm_output": reply.content}


def human_approval(state: State) -> Command[Literal["approved", "rejected"]]:
    is_approved = interrupt(
        {
            "question": "Send this email?",
            # The output the human reviews and approves.
            "llm_output": state["llm_output"],
        }
    )
    if is_approved:
        return Command(goto="approved")
    return Command(goto="rejected")


def approved(state: State) -> dict:
    return {"messages": [AIMessage(content="Approved: the email was sent.")]}


def rejected(state: State) -> dict:
    return {"messages": [AIMessage(content="Rejected: the email was not sent.")]}


builder = StateGraph(State)
builder.add_node("draft", draft)
builder.add_node("human_approval", human_approval)
builder.add_node("approved", approved)
builder.add_node("rejected", rejected)
builder.add_edge(START, "draft")
builder.add_edge("draft", "human_approval")
builder.add_edge("approved", END)
builder.add_edge("rejected", END)
graph = builder.compile(name="approval_graph")
