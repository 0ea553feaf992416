//! Chart: bar, area and line charts (a Python SDK component; the TypeScript types lack it).

use super::Str;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::component::component;
use super::{Color, CurveType, Dimension, IntDimension, XAxis};

component! {
    /// A chart over rows of data.
    ///
    /// ```
    /// use chatkit_sdk::widget::{Chart, Series};
    /// use serde_json::json;
    ///
    /// let rows = vec![json!({"month": "Jan", "sales": 3}).as_object().cloned().unwrap_or_default()];
    /// let chart = Chart::new(rows, vec![Series::bar("sales").label("Sales").into()], "month");
    /// assert_eq!(serde_json::to_value(&chart)?["series"][0]["type"], "bar");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    Chart = "Chart" {
        /// The data rows. Required.
        data: Vec<Map<String, Value>>,
        /// The series drawn. Required.
        series: Vec<Series>,
        /// The x axis: a data key or a config. Required.
        x_axis: XAxis,
        /// Show the y axis.
        show_y_axis: Option<bool>,
        /// Show the legend.
        show_legend: Option<bool>,
        /// Show tooltips.
        show_tooltip: Option<bool>,
        /// Gap between bars of a group.
        bar_gap: Option<Number>,
        /// Gap between bar groups.
        bar_category_gap: Option<Number>,
        /// Flex grow/shrink (CSS `flex`).
        flex: Option<IntDimension>,
        /// Height.
        height: Option<IntDimension>,
        /// Width.
        width: Option<IntDimension>,
        /// Size.
        size: Option<IntDimension>,
        /// Minimum height.
        min_height: Option<IntDimension>,
        /// Minimum width.
        min_width: Option<IntDimension>,
        /// Minimum size.
        min_size: Option<IntDimension>,
        /// Maximum height.
        max_height: Option<IntDimension>,
        /// Maximum width.
        max_width: Option<IntDimension>,
        /// Maximum size.
        max_size: Option<IntDimension>,
        /// Width/height ratio.
        aspect_ratio: Option<Dimension>,
    }
}

impl Chart {
    /// A chart of `data` drawing `series` along `x_axis`.
    pub fn new(
        data: Vec<Map<String, Value>>,
        series: Vec<Series>,
        x_axis: impl Into<XAxis>,
    ) -> Self {
        Chart {
            data,
            series,
            x_axis: x_axis.into(),
            ..Default::default()
        }
    }
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Series {
    /// Bars.
    Bar(BarSeries),
    /// A filled area.
    Area(AreaSeries),
    /// A line.
    Line(LineSeries),
}

impl Series {
    /// A bar series of `data_key`.
    pub fn bar(data_key: impl Into<Str>) -> BarSeries {
        BarSeries {
            label: None,
            data_key: data_key.into(),
            stack: None,
            color: None,
        }
    }
}

/// A bar series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BarSeries {
    /// The legend label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Str>,
    /// The data key drawn.
    pub data_key: Str,
    /// Stack id: series with the same id stack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<Str>,
    /// Color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
}

impl BarSeries {
    /// Sets the legend label.
    pub fn label(mut self, label: impl Into<Str>) -> Self {
        self.label = Some(label.into());
        self
    }
}

impl From<BarSeries> for Series {
    fn from(series: BarSeries) -> Self {
        Series::Bar(series)
    }
}

/// An area series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AreaSeries {
    /// The legend label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Str>,
    /// The data key drawn.
    pub data_key: Str,
    /// Stack id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<Str>,
    /// Color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Interpolation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve_type: Option<CurveType>,
}

/// A line series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineSeries {
    /// The legend label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Str>,
    /// The data key drawn.
    pub data_key: Str,
    /// Color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Interpolation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve_type: Option<CurveType>,
}

crate::widget::write_json::write_json_by_serde!(Series);
