"""A graph with separate input and output schemas and no `messages` at all.

As the LangGraph docs ("Define input and output schemas") write it:

    StateGraph(OverallState, input_schema=InputState, output_schema=OutputState)

with `InputState = {question: str}` and `OutputState = {answer: str}`. Its one node `answer`
asks a (streamed) model the question and returns `{"answer": text}`. A run's input is
`{"question": "..."}`; its output (and `updates`) carry `answer`.
"""

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.graph import END, START, StateGraph
from typing_extensions import TypedDict

from hitl.fake_model import FakeChatModel, last_request


class InputState(TypedDict):
    question: str


class OutputState(TypedDict):
    answer: str


class OverallState(InputState, OutputState):
    pass


ANSWERS = {"what is the capital of france?": "The capital of France is Paris, on the Seine."}


def script(messages: list[BaseMessage]) -> AIMessage:
    question = last_request(messages)
    return AIMessage(content=ANSWERS.get(question, f"I do not know the answer to: {question}"))


model = FakeChatModel(script=script)


def answer(state: InputState) -> dict:
    reply = model.invoke([HumanMessage(content=state["question"])])
    return {"answer": reply.text}


builder = StateGraph(OverallState, input_schema=InputState, output_schema=OutputState)
builder.add_node("answer", answer)
builder.add_edge(START, "answer")
builder.add_edge("answer", END)
graph = builder.compile(name="question_graph")
